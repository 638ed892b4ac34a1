package org.keras4j.internal.dl4j.layers;

import java.util.Arrays;
import org.keras4j.internal.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The backward pass of a channels-last 2-D convolution with stride 1 and dilation 1 as matrix
 * products in OpenBLAS ({@link StepGemm}), on the patches of a few images at a time (im2col: rows
 * of {@code kh*kw*cin} values, contiguous runs of the NHWC input, and a 1 for the bias):
 * {@code [dW; db] = patches^T * dY} accumulated over the chunks, and, when asked for,
 * {@code dPatches = dY * W^T} scattered back onto the input (col2im).
 *
 * <p>Chunks of whole images keep the patch matrix around 2 MB (in cache for the product that
 * follows) and its buffers are the layer's own, reused every call: memory does not grow with the
 * steps. The kernel is DL4J's {@code [filters, cin, kh, kw]}; its repacking costs {@code kh*kw*cin*filters}
 * copies per call.
 *
 * <pre>{@code
 * ConvolutionGemm conv = new ConvolutionGemm(5, 5, 2, 2, true);          // 5x5 "same"
 * conv.backward(x, weights, dY, weightGrad, biasGrad, dX);               // NHWC; dX may be null
 * }</pre>
 */
final class ConvolutionGemm {
    /** Target size of one chunk's patch matrix, in floats (2 MB). */
    private static final int CHUNK_FLOATS = 1 << 19;

    private final int kh;
    private final int kw;
    private final int padTop;
    private final int padLeft;
    private final boolean same;
    private final StepGemm gemm = new StepGemm(DataType.FLOAT);

    private float[] x = new float[0];
    private float[] dx = new float[0];
    private float[] cols = new float[0];
    private float[] stacked = new float[0];
    private INDArray colsNative;
    private INDArray stackedNative;
    private INDArray stackedGrad;
    private float[] grads = new float[0];

    /**
     * @param kh kernel rows
     * @param kw kernel columns
     * @param padTop zero rows above the input ("same": {@code (kh - 1) / 2}, "valid": 0)
     * @param padLeft zero columns left of it
     * @param same whether the output has the input's size (else {@code h - kh + 1} by {@code w - kw + 1})
     */
    ConvolutionGemm(int kh, int kw, int padTop, int padLeft, boolean same) {
        this.kh = kh;
        this.kw = kw;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.same = same;
    }

    /** Output rows for {@code h} input rows. */
    int outRows(int h) {
        return same ? h : h - kh + 1;
    }

    /** Output columns for {@code w} input columns. */
    int outColumns(int w) {
        return same ? w : w - kw + 1;
    }

    /**
     * The gradients of the kernel, the bias and (unless {@code inputGrad} is null) the input, for
     * the output gradient {@code epsilon}.
     *
     * @param epsilon {@code [n, oh, ow, filters]}, contiguous row-major FLOAT
     * @param weightGrad {@code [filters, cin, kh, kw]}, contiguous, overwritten
     * @param biasGrad {@code [filters]} contiguous, overwritten; null without a bias
     * @param inputGrad {@code [n, h, w, cin]}, contiguous, overwritten; null to skip it
     */
    void backward(INDArray input, INDArray weights, INDArray epsilon, INDArray weightGrad, INDArray biasGrad,
                  INDArray inputGrad) {
        Geometry g = new Geometry(input, weights, biasGrad != null);
        readInput(input, g);
        if (inputGrad != null) {
            packWeights(weights, g);
        }
        INDArray dy = epsilon.reshape('c', (long) g.n * g.oh * g.ow, g.filters);
        if (stackedGrad == null || stackedGrad.length() != (long) g.filters * g.k1) {
            stackedGrad = persistent(g.filters, g.k1);
        }
        if (inputGrad != null) {
            dx = ensure(dx, g.inputLength());
            Arrays.fill(dx, 0, g.inputLength(), 0f);
        }
        int k = g.k1 - (g.bias ? 1 : 0);
        for (int i0 = 0; i0 < g.n; i0 += g.chunkImages) {
            int images = Math.min(g.chunkImages, g.n - i0);
            int m = images * g.oh * g.ow;
            im2col(g, i0, images);
            INDArray patches = patches(m, g.k1);
            INDArray dyChunk = dy.get(NDArrayIndex.interval((long) i0 * g.oh * g.ow, (long) i0 * g.oh * g.ow + m),
                    NDArrayIndex.all()).transpose(); // [filters, m]
            gemm.multiply(patches, false, dyChunk, true, stackedGrad.transpose(), i0 == 0 ? 0 : 1); // [k1, filters]
            if (inputGrad != null) {
                INDArray dPatches = patches.get(NDArrayIndex.interval(0, k), NDArrayIndex.all());
                gemm.multiply(stackedNative.transpose().get(NDArrayIndex.interval(0, k), NDArrayIndex.all()), false,
                        dyChunk, false, dPatches, 0); // [k, m], in the patches' buffer
                HostArrays.readInto(colsNative, cols);
                col2im(g, i0, images);
            }
        }
        grads = HostArrays.readFloats(stackedGrad, grads);
        unpackWeightGradient(grads, g, weightGrad, biasGrad);
        if (inputGrad != null) {
            HostArrays.writeFrom(dx, inputGrad);
        }
    }

    /** The first {@code m} patch rows as a column-major {@code [k1, m]} view of the native buffer. */
    private INDArray patches(int m, int k1) {
        HostArrays.writeFrom(cols, colsNative);
        return colsNative.transpose().get(NDArrayIndex.all(), NDArrayIndex.interval(0, m));
    }

    private void readInput(INDArray input, Geometry g) {
        x = ensure(x, g.inputLength());
        HostArrays.readInto(input, x);
        int rows = g.chunkImages * g.oh * g.ow;
        if (colsNative == null || colsNative.size(0) < rows || colsNative.size(1) != g.k1) {
            cols = new float[rows * g.k1];
            colsNative = persistent(rows, g.k1);
        }
    }

    /** {@code stacked[f][(ky * kw + kx) * cin + c] = W[f][c][ky][kx]} (the bias column is not read). */
    private void packWeights(INDArray weights, Geometry g) {
        float[] w = HostArrays.readFloats(weights, null);
        int length = g.filters * g.k1;
        if (stacked.length != length) {
            stacked = new float[length];
            stackedNative = persistent(g.filters, g.k1);
        }
        int cin = g.cin;
        for (int f = 0; f < g.filters; f++) {
            for (int c = 0; c < cin; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        stacked[f * g.k1 + (ky * kw + kx) * cin + c] = w[((f * cin + c) * kh + ky) * kw + kx];
                    }
                }
            }
        }
        HostArrays.writeFrom(stacked, stackedNative);
    }

    private void unpackWeightGradient(float[] grads, Geometry g, INDArray weightGrad, INDArray biasGrad) {
        int cin = g.cin;
        float[] w = new float[g.filters * cin * kh * kw];
        for (int f = 0; f < g.filters; f++) {
            for (int c = 0; c < cin; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        w[((f * cin + c) * kh + ky) * kw + kx] = grads[f * g.k1 + (ky * kw + kx) * cin + c];
                    }
                }
            }
        }
        HostArrays.write(w, weightGrad);
        if (biasGrad != null) {
            float[] b = new float[g.filters];
            for (int f = 0; f < g.filters; f++) {
                b[f] = grads[f * g.k1 + g.k1 - 1];
            }
            HostArrays.write(b, biasGrad);
        }
    }

    /** Patch rows of images {@code [i0, i0 + images)} into {@code cols}, one row per output pixel. */
    private void im2col(Geometry g, int i0, int images) {
        int cin = g.cin;
        int rowLength = kw * cin;
        int r = 0;
        for (int img = i0; img < i0 + images; img++) {
            int base = img * g.h * g.w * cin;
            for (int oy = 0; oy < g.oh; oy++) {
                for (int ox = 0; ox < g.ow; ox++, r++) {
                    int row = r * g.k1;
                    int ix0 = ox - padLeft;
                    int kx0 = Math.max(0, -ix0);
                    int kx1 = Math.min(kw, g.w - ix0);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy - padTop + ky;
                        int dst = row + ky * rowLength;
                        if (iy < 0 || iy >= g.h || kx0 >= kx1) {
                            Arrays.fill(cols, dst, dst + rowLength, 0f);
                            continue;
                        }
                        if (kx0 > 0) {
                            Arrays.fill(cols, dst, dst + kx0 * cin, 0f);
                        }
                        System.arraycopy(x, base + (iy * g.w + ix0 + kx0) * cin, cols, dst + kx0 * cin, (kx1 - kx0) * cin);
                        if (kx1 < kw) {
                            Arrays.fill(cols, dst + kx1 * cin, dst + rowLength, 0f);
                        }
                    }
                    if (g.bias) {
                        cols[row + g.k1 - 1] = 1f;
                    }
                }
            }
        }
    }

    /** Adds the patch gradients in {@code cols} (rows of images {@code [i0, i0 + images)}) onto {@code dx}. */
    private void col2im(Geometry g, int i0, int images) {
        int cin = g.cin;
        int rowLength = kw * cin;
        int r = 0;
        for (int img = i0; img < i0 + images; img++) {
            int base = img * g.h * g.w * cin;
            for (int oy = 0; oy < g.oh; oy++) {
                for (int ox = 0; ox < g.ow; ox++, r++) {
                    int row = r * g.k1;
                    int ix0 = ox - padLeft;
                    int kx0 = Math.max(0, -ix0);
                    int kx1 = Math.min(kw, g.w - ix0);
                    int length = (kx1 - kx0) * cin;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy - padTop + ky;
                        if (iy < 0 || iy >= g.h || length <= 0) {
                            continue;
                        }
                        int src = row + ky * rowLength + kx0 * cin;
                        int dst = base + (iy * g.w + ix0 + kx0) * cin;
                        for (int j = 0; j < length; j++) {
                            dx[dst + j] += cols[src + j];
                        }
                    }
                }
            }
        }
    }

    /** A buffer of this object's own, outside any workspace: DL4J resets its workspaces under a layer's feet. */
    private static INDArray persistent(long rows, long columns) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        }
    }

    private static float[] ensure(float[] buffer, int length) {
        return buffer.length >= length ? buffer : new float[length];
    }

    /** Sizes of one call. */
    private final class Geometry {
        final int n;
        final int h;
        final int w;
        final int cin;
        final int oh;
        final int ow;
        final int filters;
        final boolean bias;
        final int k1;
        final int chunkImages;

        Geometry(INDArray input, INDArray weights, boolean bias) {
            n = (int) input.size(0);
            h = (int) input.size(1);
            w = (int) input.size(2);
            cin = (int) input.size(3);
            oh = outRows(h);
            ow = outColumns(w);
            filters = (int) weights.size(0);
            this.bias = bias;
            k1 = kh * kw * cin + (bias ? 1 : 0);
            chunkImages = (int) Math.max(1, Math.min(n, CHUNK_FLOATS / Math.max(1L, (long) oh * ow * k1)));
        }

        int inputLength() {
            return n * h * w * cin;
        }
    }
}
