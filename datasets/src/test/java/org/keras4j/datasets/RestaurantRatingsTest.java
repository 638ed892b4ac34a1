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
import org.nd4j.linalg.api.ndarray.INDArray;

class RestaurantRatingsTest {

    @TempDir
    Path dir;

    @Test
    void load_matchesTheSourceNotes() {
        RestaurantRatings.Ratings r = RestaurantRatings.load();

        assertArrayEquals(new long[] {138, 130}, r.ratings().shape());
        assertEquals(1161, r.count());
        assertEquals("U1001", r.users().get(0));
        assertEquals("U1138", r.users().get(137));
        // rating counts in SOURCE.md: 0 -> 254, 1 -> 421, 2 -> 486, shifted to levels 1..3
        INDArray m = r.ratings();
        assertEquals(254, m.eq(1).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue());
        assertEquals(421, m.eq(2).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue());
        assertEquals(486, m.eq(3).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue());
        // first data row: U1077,135085,2,2,2
        assertEquals(3f, m.getFloat(r.userIndex("U1077"), r.items().indexOf("135085")));
        // places by ascending number
        for (int i = 1; i < r.items().size(); i++) {
            assertTrue(Long.parseLong(r.items().get(i - 1)) < Long.parseLong(r.items().get(i)));
        }
    }

    @Test
    void holdOut_takesAFifthOfEachUsersRatingsAndKeepsAtLeastOne() {
        RestaurantRatings.Ratings r = RestaurantRatings.load();
        RestaurantRatings.Ratings[] split = r.holdOut(0.2, 7);
        RestaurantRatings.Ratings[] again = r.holdOut(0.2, 7);

        assertEquals(r.ratings(), split[0].ratings().add(split[1].ratings()));
        assertEquals(split[1].ratings(), again[1].ratings());
        assertEquals(0, split[0].ratings().mul(split[1].ratings()).sumNumber().doubleValue());
        for (int u = 0; u < r.users().size(); u++) {
            int total = r.ratings().getRow(u).neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32)
                    .sumNumber().intValue();
            int held = split[1].ratings().getRow(u).neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32)
                    .sumNumber().intValue();
            assertEquals(Math.min(Math.round(0.2 * total), total - 1), held, "user " + r.users().get(u));
        }
        assertTrue(split[1].count() > 200 && split[1].count() < 260, "held out " + split[1].count());
    }

    @Test
    void loadPath_readsColumnsInAnyOrder() throws IOException {
        Path file = write("rating,placeID,userID\n2,20,B\n0,3,A\n1,20,A\n");

        RestaurantRatings.Ratings r = RestaurantRatings.load(file);

        assertEquals(List.of("A", "B"), r.users());
        assertEquals(List.of("3", "20"), r.items());
        assertArrayEquals(new float[][] {{1, 2}, {0, 3}}, r.ratings().toFloatMatrix());
    }

    @Test
    void loadPath_badRating_namesRowColumnAndValue() throws IOException {
        Path file = write("userID,placeID,rating\nA,1,2\nA,2,5\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestaurantRatings.load(file));

        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("'rating'")
                && e.getMessage().contains("'5'"), e.getMessage());
    }

    @Test
    void loadPath_duplicatePair_namesBothRows() throws IOException {
        Path file = write("userID,placeID,rating\nA,1,2\nB,1,0\nA,1,1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestaurantRatings.load(file));

        assertTrue(e.getMessage().contains("rows 2 and 4"), e.getMessage());
    }

    @Test
    void loadPath_missingColumnOrEmptyId_saysWhich() throws IOException {
        Path noRating = write("userID,placeID,food_rating\nA,1,2\n");
        Path emptyUser = write("userID,placeID,rating\n,1,2\n");

        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> RestaurantRatings.load(noRating));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RestaurantRatings.load(emptyUser));

        assertTrue(e1.getMessage().contains("no rating column 'rating'"), e1.getMessage());
        assertTrue(e2.getMessage().contains("row 2") && e2.getMessage().contains("empty"), e2.getMessage());
    }

    @Test
    void holdOut_badFraction_fails() {
        RestaurantRatings.Ratings r = RestaurantRatings.load();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.holdOut(1.0, 0));

        assertTrue(e.getMessage().contains("fraction must be in (0, 1), got 1.0"), e.getMessage());
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "ratings", ".csv");
        Files.writeString(file, text);
        return file;
    }
}
