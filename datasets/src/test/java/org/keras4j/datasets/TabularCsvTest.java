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
import org.nd4j.linalg.api.buffer.DataType;

class TabularCsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private IllegalArgumentException fails(Path file, String target) {
        return assertThrows(IllegalArgumentException.class, () -> TabularCsv.read(file, target));
    }

    @Test
    void read_latin1File_namesTheEncodingProblemTheRowAndTheByte() throws IOException {
        // "café" in Latin-1 on row 3 (blank row 2 counts, as in a spreadsheet): é is the lone byte 0xE9
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "name,target\n\ncaf\u00e9,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TabularCsv.read(file, "target"));

        assertEquals(file + " is not UTF-8: row 3 has the byte 0xE9 at byte 4 of the row, after 'caf', which is not"
                + " valid UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252)", e.getMessage());
    }

    @Test
    void read_targetByName_splitsFeaturesAndTargetInFileOrder() throws IOException {
        Path file = write("d.csv", "a,target,b\n1,10,2\n3,30,4.5\n-5,50,6e-1\n");

        TabularData data = TabularCsv.read(file, "target");

        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals("target", data.targetName());
        assertEquals(DataType.FLOAT, data.x().dataType());
        assertArrayEquals(new long[] {3, 2}, data.x().shape());
        assertArrayEquals(new long[] {3, 1}, data.y().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -5, 0.6f}, data.x().ravel().toFloatVector(), 0f);
        assertArrayEquals(new float[] {10, 30, 50}, data.y().ravel().toFloatVector(), 0f);
    }

    @Test
    void read_chosenFeatures_keepsTheGivenOrderAndSkipsOtherColumns() throws IOException {
        Path file = write("d.csv", "a,b,c,y\n1,2,skip,3\n4,5,me,6\n");

        TabularData data = TabularCsv.read(file, "y", List.of("b", "a"));

        assertEquals(List.of("b", "a"), data.featureNames());
        assertArrayEquals(new float[] {2, 1, 5, 4}, data.x().ravel().toFloatVector(), 0f);
    }

    @Test
    void read_toleratesBomCrlfSpacesQuotesAndBlankLines() throws IOException {
        Path file = write("d.csv", "\uFEFF\"a, quoted\" , y\r\n 1.5 , 2 \r\n\r\n\"3\",4\r\n\r\n");

        TabularData data = TabularCsv.read(file, "y");

        assertEquals(List.of("a, quoted"), data.featureNames());
        assertArrayEquals(new float[] {1.5f, 3}, data.x().ravel().toFloatVector(), 0f);
        assertArrayEquals(new float[] {2, 4}, data.y().ravel().toFloatVector(), 0f);
    }

    @Test
    void read_missingTarget_listsTheColumnsThatExist() throws IOException {
        Path file = write("d.csv", "Cement,Water,Strength\n1,2,3\n");

        IllegalArgumentException e = fails(file, "strength");

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'strength'"), e.getMessage());
        assertTrue(e.getMessage().contains("[Cement, Water, Strength]"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'Strength'"), e.getMessage());
    }

    @Test
    void read_missingFeature_namesItAndListsTheColumns() throws IOException {
        Path file = write("d.csv", "a,y\n1,2\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularCsv.read(file, "y", List.of("a", "nope")));

        assertTrue(e.getMessage().contains("no feature column 'nope'; the columns are [a, y]"), e.getMessage());
    }

    @Test
    void read_nonNumericCell_namesFileSpreadsheetRowColumnAndValue() throws IOException {
        // the header is row 1, so the third data line is row 4; the blank line counts as a row too
        Path file = write("bad.csv", "Cement,Strength\n1,2\n\n3,4\nabc,5\n");

        IllegalArgumentException e = fails(file, "Strength");

        assertEquals(file + ": row 5, column 'Cement': 'abc' is not a number", e.getMessage());
    }

    @Test
    void read_nonNumericTarget_namesTheTargetColumn() throws IOException {
        Path file = write("bad.csv", "a,y\n1,2\n3,NaN\n");

        IllegalArgumentException e = fails(file, "y");

        assertEquals(file + ": row 3, column 'y': 'NaN' is not a number", e.getMessage());
    }

    @Test
    void read_emptyCell_saysTheCellIsEmpty() throws IOException {
        Path file = write("bad.csv", "a,y\n1,2\n,4\n");

        IllegalArgumentException e = fails(file, "y");

        assertEquals(file + ": row 3, column 'a': '' is not a number (the cell is empty)", e.getMessage());
    }

    @Test
    void read_raggedRow_namesTheRowAndBothWidths() throws IOException {
        Path file = write("bad.csv", "a,b,y\n1,2,3\n4,5\n");

        IllegalArgumentException e = fails(file, "y");

        assertEquals(file + ": row 3 has 2 values but the header (row 1) has 3 columns", e.getMessage());
    }

    @Test
    void read_emptyFile_saysItIsEmpty() throws IOException {
        Path file = write("empty.csv", "\n\n");

        IllegalArgumentException e = fails(file, "y");

        assertEquals(file + " is empty: expected a header line and at least one data row", e.getMessage());
    }

    @Test
    void read_headerOnly_saysThereAreNoRows() throws IOException {
        Path file = write("header.csv", "a,y\n");

        IllegalArgumentException e = fails(file, "y");

        assertEquals(file + " has a header (row 1) but no data rows", e.getMessage());
    }

    @Test
    void read_duplicateHeaderName_namesBothColumns() throws IOException {
        Path file = write("dup.csv", "a,b,a\n1,2,3\n");

        IllegalArgumentException e = fails(file, "b");

        assertTrue(e.getMessage().contains("names column 'a' twice (columns 1 and 3)"), e.getMessage());
    }

    @Test
    void read_unclosedQuote_namesTheRow() throws IOException {
        Path file = write("quote.csv", "a,y\n\"1,2\n");

        IllegalArgumentException e = fails(file, "y");

        assertTrue(e.getMessage().startsWith(file + ": row 2 has a quote that is not closed"), e.getMessage());
    }

    @Test
    void read_missingFile_namesThePath() {
        Path file = dir.resolve("nope.csv");

        IllegalArgumentException e = fails(file, "y");

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void read_targetAmongFeatures_throws() throws IOException {
        Path file = write("d.csv", "a,y\n1,2\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularCsv.read(file, "y", List.of("a", "y")));

        assertTrue(e.getMessage().contains("must not include the target column 'y'"), e.getMessage());
    }
}
