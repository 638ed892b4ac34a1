package org.keras4j.saving.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataSpace;
import java.nio.ByteBuffer;

/**
 * An attribute holding an empty float64 array: how Keras (through h5py and numpy) stores an empty list of names.
 * jHDF's writer cannot infer a type from an empty Java array, so this gives it the type, the shape {@code (0,)}
 * and no bytes directly.
 */
final class EmptyFloat64Attribute implements Attribute {
    private static final double[] NO_VALUES = new double[0];

    private final Node node;
    private final String name;

    EmptyFloat64Attribute(Node node, String name) {
        this.node = node;
        this.name = name;
    }

    @Override
    public Node getNode() {
        return node;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getSize() {
        return 0;
    }

    @Override
    public long getSizeInBytes() {
        return 0;
    }

    @Override
    public int[] getDimensions() {
        return new int[] {0};
    }

    @Override
    public Object getData() {
        return NO_VALUES;
    }

    @Override
    public Class<?> getJavaType() {
        return double.class;
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return true;
    }

    @Override
    public ByteBuffer getBuffer() {
        return ByteBuffer.allocate(0);
    }

    @Override
    public DataSpace getDataSpace() {
        return DataSpace.fromObject(NO_VALUES); // dimensions [0]; fromObject only inspects elements when there are some
    }

    @Override
    public DataType getDataType() {
        return NoBytesFloat64.INSTANCE;
    }

    /** float64 (jHDF's own description of it) whose encoding of the no values is no bytes. */
    private static final class NoBytesFloat64 extends FloatingPoint {
        static final NoBytesFloat64 INSTANCE = new NoBytesFloat64();

        private NoBytesFloat64() {
            super(FloatingPoint.DOUBLE.toBuffer());
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            return ByteBuffer.allocate(0);
        }
    }
}
