package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CategoricalCsvTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void read_defaults_oneHotsFeaturesWithSortedCategories() throws IOException {
        Path file = write("color,size,label\nred,s,yes\nblue,l,no\ngreen,s,yes\n");

        ClassificationData data = CategoricalCsv.read(file, "label");

        assertEquals(List.of("color[blue]", "color[green]", "color[red]", "size[l]", "size[s]"),
                data.featureNames());
        assertEquals(List.of("no", "yes"), data.labelNames());
        assertArrayEquals(new float[] {
                0, 0, 1, 0, 1,   // red, s
                1, 0, 0, 1, 0,   // blue, l
                0, 1, 0, 0, 1},  // green, s
                data.x().ravel().toFloatVector(), 0f);
        assertArrayEquals(new float[] {1, 0, 1}, data.y().ravel().toFloatVector(), 0f);
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1}, data.yOneHot().ravel().toFloatVector(), 0f);
    }

    @Test
    void read_declaredCategories_fixTheOrderEvenForAbsentValues() throws IOException {
        Path file = write("size,label\nhigh,b\nlow,a\n");

        ClassificationData data = CategoricalCsv.read(file, "label", CategoricalCsv.Options.defaults()
                .categories("size", "low", "med", "high")
                .categories("label", "b", "a", "c"));

        assertEquals(List.of("size[low]", "size[med]", "size[high]"), data.featureNames());
        assertEquals(List.of("b", "a", "c"), data.labelNames());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, data.x().ravel().toFloatVector(), 0f);
        assertArrayEquals(new float[] {0, 1}, data.y().ravel().toFloatVector(), 0f);
        assertArrayEquals(new long[] {2, 3}, data.yOneHot().shape());
    }

    @Test
    void read_numericLookingCategories_sortNumerically() throws IOException {
        Path file = write("n,label\n10,x\n9,x\n2,y\n");

        ClassificationData data = CategoricalCsv.read(file, "label");

        assertEquals(List.of("n[2]", "n[9]", "n[10]"), data.featureNames());
    }

    @Test
    void read_numericColumn_passesThroughAndFeaturesKeepTheirOrder() throws IOException {
        Path file = write("age,color,label\n1.5,red,a\n30,blue,b\n");

        ClassificationData data = CategoricalCsv.read(file, "label", CategoricalCsv.Options.defaults()
                .features("color", "age").numeric("age"));

        assertEquals(List.of("color[blue]", "color[red]", "age"), data.featureNames());
        assertArrayEquals(new float[] {0, 1, 1.5f, 1, 0, 30}, data.x().ravel().toFloatVector(), 0f);
    }

    @Test
    void read_valueOutsideDeclaredCategories_namesRowColumnAndTheCategories() throws IOException {
        Path file = write("size,label\nlow,a\nhuge,a\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.read(file, "label",
                        CategoricalCsv.Options.defaults().categories("size", "low", "high")));

        assertEquals(file + ": row 3, column 'size': 'huge' is not one of the declared categories [low, high]",
                e.getMessage());
    }

    @Test
    void read_nonNumericCellInNumericColumn_namesRowAndColumn() throws IOException {
        Path file = write("age,label\n1,a\nold,b\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.read(file, "label", CategoricalCsv.Options.defaults().numeric("age")));

        assertEquals(file + ": row 3, column 'age': 'old' is not a number", e.getMessage());
    }

    @Test
    void read_missingLabel_listsTheColumns() throws IOException {
        Path file = write("a,b\nx,y\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.read(file, "class"));

        assertTrue(e.getMessage().contains("no label column 'class'; the columns are [a, b]"), e.getMessage());
    }

    @Test
    void read_raggedRow_namesTheRow() throws IOException {
        Path file = write("a,label\nx,y\nx\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.read(file, "label"));

        assertEquals(file + ": row 3 has 1 value but the header (row 1) has 2 columns", e.getMessage());
    }

    @Test
    void read_numericLabel_throws() throws IOException {
        Path file = write("a,label\nx,1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.read(file, "label", CategoricalCsv.Options.defaults().numeric("label")));

        assertTrue(e.getMessage().contains("label column 'label' cannot be numeric"), e.getMessage());
    }

    @Test
    void options_repeatedCategory_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalCsv.Options.defaults().categories("a", "x", "x"));

        assertTrue(e.getMessage().contains("categories of 'a' repeat a value: [x, x]"), e.getMessage());
    }
}
