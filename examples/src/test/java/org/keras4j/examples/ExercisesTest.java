package org.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExercisesTest {

    @Test
    void all_startsWithTheBasicsInCourseOrder() {
        List<String> names = Exercises.names();
        assertEquals(List.of("tensors", "autodiff"), names.subList(0, 2));
    }

    @Test
    void all_namesAreUniqueLowerCaseWords() {
        List<String> names = Exercises.names();
        assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
        for (String name : names) {
            assertTrue(name.matches("[a-z0-9-]+"), name);
        }
    }

    @Test
    void find_ignoresCase() {
        assertEquals("tensors", Exercises.find("Tensors").name());
    }

    @Test
    void find_unknown_listsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Exercises.find("tensor"));
        assertEquals("Unknown exercise 'tensor'. Valid exercises: " + String.join(", ", Exercises.names()),
                e.getMessage());
    }
}
