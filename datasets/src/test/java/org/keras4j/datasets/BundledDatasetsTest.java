package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BundledDatasetsTest {

    @TempDir
    Path dir;

    @Test
    void concrete_load_hasCourseShapesColumnsAndFirstAndLastRow() {
        TabularData data = Concrete.load();

        assertArrayEquals(new long[] {1030, 8}, data.x().shape());
        assertArrayEquals(new long[] {1030, 1}, data.y().shape());
        assertEquals(Concrete.FEATURES, data.featureNames());
        assertEquals("Strength", data.targetName());
        // first line of concrete_data.csv: 540,0,0,162,2.5,1040,676,28,79.99
        assertArrayEquals(new float[] {540, 0, 0, 162, 2.5f, 1040, 676, 28}, data.x().getRow(0).toFloatVector(), 0f);
        assertEquals(79.99f, data.y().getFloat(0, 0));
        // last line: 260.9,100.5,78.3,200.6,8.6,864.5,761.5,28,32.4
        assertArrayEquals(new float[] {260.9f, 100.5f, 78.3f, 200.6f, 8.6f, 864.5f, 761.5f, 28},
                data.x().getRow(1029).toFloatVector(), 0f);
        assertEquals(32.4f, data.y().getFloat(1029, 0));
    }

    @Test
    void concrete_load_columnMeansMatchTheSourceNotes() {
        TabularData data = Concrete.load();

        // CONCRETE_SOURCE.md: 281.1679, 73.8958, 54.1883, 181.5673, 6.2047, 972.9189, 773.5805, 45.6621, 35.8180
        assertArrayEquals(new double[] {281.1679, 73.8958, 54.1883, 181.5673, 6.2047, 972.9189, 773.5805, 45.6621},
                new StandardScaler().fit(data.x()).mean(), 1e-3);
        assertEquals(35.8180, data.y().meanNumber().doubleValue(), 1e-3);
    }

    @Test
    void concrete_loadPath_acceptsColumnsInAnyOrder() throws IOException {
        Path file = dir.resolve("concrete.csv");
        Files.writeString(file, "Strength,Age,Fine Aggregate,Coarse Aggregate,Superplasticizer,Water,Fly Ash,"
                + "Blast Furnace Slag,Cement\n79.99,28,676,1040,2.5,162,0,0,540\n");

        TabularData data = Concrete.load(file);

        assertArrayEquals(new float[] {540, 0, 0, 162, 2.5f, 1040, 676, 28}, data.x().getRow(0).toFloatVector(), 0f);
        assertEquals(79.99f, data.y().getFloat(0, 0));
    }

    @Test
    void concrete_loadPath_otherHeaderSpelling_listsTheColumnsFound() throws IOException {
        Path file = dir.resolve("concrete.csv");
        Files.writeString(file, "cement,slag,ash,water,sp,coarse,fine,age,strength\n1,2,3,4,5,6,7,8,9\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Concrete.load(file));

        assertTrue(e.getMessage().contains("'Strength'") && e.getMessage().contains("[cement, slag,"),
                e.getMessage());
    }

    @Test
    void carEvaluation_load_hasDocumentedShapesAndEncoding() {
        ClassificationData data = CarEvaluation.load();

        assertArrayEquals(new long[] {1728, 21}, data.x().shape());
        assertArrayEquals(new long[] {1728, 1}, data.y().shape());
        assertArrayEquals(new long[] {1728, 4}, data.yOneHot().shape());
        assertEquals(List.of("unacc", "acc", "good", "vgood"), data.labelNames());
        assertEquals(List.of("buying[vhigh]", "buying[high]", "buying[med]", "buying[low]"),
                data.featureNames().subList(0, 4));
        assertEquals("safety[high]", data.featureNames().get(20));
        // first row: vhigh,vhigh,2,2,small,low,unacc
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0},
                data.x().getRow(0).toFloatVector(), 0f);
        assertEquals(0f, data.y().getFloat(0, 0));
        // last row: low,low,5more,more,big,high,vgood
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1},
                data.x().getRow(1727).toFloatVector(), 0f);
        assertEquals(3f, data.y().getFloat(1727, 0));
    }

    @Test
    void carEvaluation_load_classCountsMatchTheDocumentation() {
        INDArray counts = CarEvaluation.load().yOneHot().sum(0);

        assertArrayEquals(new float[] {1210, 384, 69, 65}, counts.toFloatVector(), 0f);
    }

    @Test
    void carEvaluation_loadPath_keepsTheFullEncodingForAPartialFile() throws IOException {
        Path file = dir.resolve("car.csv");
        Files.writeString(file, "buying,maint,doors,persons,lug_boot,safety,class\nlow,low,5more,more,big,high,vgood\n");

        ClassificationData data = CarEvaluation.load(file);

        assertArrayEquals(new long[] {1, 21}, data.x().shape());
        assertEquals(4, data.numClasses());
        assertEquals(3f, data.y().getFloat(0, 0));
    }

    @Test
    void carEvaluation_loadPath_ucinamesSpelling_namesRowColumnAndValue() throws IOException {
        Path file = dir.resolve("car.csv");
        Files.writeString(file, "buying,maint,doors,persons,lug_boot,safety,class\nv-high,low,2,2,big,high,acc\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarEvaluation.load(file));

        assertTrue(e.getMessage().contains("row 2, column 'buying': 'v-high' is not one of the declared categories"),
                e.getMessage());
    }

    @Test
    void bundledResources_includeAttribution() {
        for (String name : List.of("CONCRETE_SOURCE.md", "CAR_SOURCE.md", "DATA_LICENSE.md", "car.names")) {
            assertNotNull(Concrete.class.getResource(name), name);
        }
    }
}
