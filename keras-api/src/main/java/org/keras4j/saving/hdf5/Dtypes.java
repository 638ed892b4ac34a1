package org.keras4j.saving.hdf5;

import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OpaqueDataType;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.util.Set;

/** HDF5 types named as numpy names what h5py reads them as: "float32", "int64", "|S7", "object", "bool". */
final class Dtypes {
    private Dtypes() {
    }

    static String name(DataType type) {
        int bits = 8 * type.getSize();
        if (type instanceof FloatingPoint) {
            return "float" + bits;
        }
        if (type instanceof FixedPoint fixed) {
            return (fixed.isSigned() ? "int" : "uint") + bits;
        }
        if (type instanceof StringData) {
            return "|S" + type.getSize();
        }
        if (type instanceof VariableLength v) {
            return v.isVariableLengthString() ? "object" : "vlen";
        }
        if (type instanceof EnumDataType e) {
            return Set.copyOf(e.getEnumMapping().values()).equals(Set.of("FALSE", "TRUE")) ? "bool" : "enum";
        }
        if (type instanceof BitField) {
            return "bitfield" + bits;
        }
        if (type instanceof CompoundDataType) {
            return "compound";
        }
        if (type instanceof ArrayDataType) {
            return "array";
        }
        if (type instanceof Reference) {
            return "reference";
        }
        if (type instanceof OpaqueDataType) {
            return "|V" + type.getSize();
        }
        return type.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
