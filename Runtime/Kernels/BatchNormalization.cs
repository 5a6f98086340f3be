using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// Batch normalization (Keras's <c>BatchNormalization</c>, axis −1) over <c>rows</c> rows of <c>channels</c> values:
/// the statistics of a channel are taken over every row, so a (B, C) activation after Dense has B rows and a
/// channels-last feature map (B, H, W, C) has B·H·W rows.
/// </summary>
/// <remarks>
/// Every function works on the channel slice [start, end), so the generated code can split the channels over threads.
/// The per-channel sums are accumulated in double (Keras's reference reduces pairwise; a float running sum would
/// drift by far more than 1e-6 over large batches), row by row in a fixed order, and the vector lanes do exactly the
/// scalar operations: a channel's statistics are bit-identical whatever the slice, thread count or SIMD path.
/// The elementwise passes use FMA on the vector paths; the generated code cuts slices at multiples of 16 channels, so
/// for a fixed thread count every channel always takes the same path.
/// Empty <c>gamma</c> / <c>beta</c> spans mean Keras's <c>scale=False</c> / <c>center=False</c> (γ = 1, β = 0).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>
    /// Training-mode statistics of channels [<paramref name="start"/>, <paramref name="end"/>): the batch mean μ and
    /// invStd = 1/√(σ²_b + ε) with the biased variance σ²_b = mean((x − μ)²) (two passes in double); then the moving
    /// statistics, as Keras assigns them: moving −= (moving − batch)·(1 − momentum), with the biased variance
    /// (tf.keras's non-fused path, which rank-2 inputs take); <paramref name="decay"/> is 1 − momentum. With
    /// <paramref name="besselCorrection"/> the moving variance is fed n/(n − 1)·σ²_b instead (n = <paramref name="rows"/>),
    /// as tf.keras 2.x's fused kernel does for feature maps (rank-4 batches).
    /// </summary>
    public static void BatchStatistics(Span<float> mean, Span<float> invStd, Span<float> movingMean, Span<float> movingVariance,
        ReadOnlySpan<float> x, int rows, int channels, float epsilon, float decay, int start, int end, bool besselCorrection = false)
    {
        CheckSlice(x, rows, channels, start, end);
        CheckRequired(channels, mean);
        CheckRequired(channels, invStd);
        CheckRequired(channels, movingMean);
        CheckRequired(channels, movingVariance);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float mean0 = ref MemoryMarshal.GetReference(mean);
        ref float invStd0 = ref MemoryMarshal.GetReference(invStd);
        ref float mm0 = ref MemoryMarshal.GetReference(movingMean);
        ref float mv0 = ref MemoryMarshal.GetReference(movingVariance);
        double count = rows;
        double movingFactor = besselCorrection && rows > 1 ? count / (count - 1) : 1.0;
        int c = start;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two blocks of 8 channels at a time: the sums over the rows are chains of dependent additions, and four
            // chains keep the adder busy where two wait on its latency. Each channel's operations and order are unchanged.
            for (; c <= end - 16; c += 16)
            {
                Vector256<double> sum0 = Vector256<double>.Zero, sum1 = Vector256<double>.Zero, sum2 = Vector256<double>.Zero, sum3 = Vector256<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    ref float row = ref Unsafe.Add(ref x0, r * channels + c);
                    (Vector256<double> v0, Vector256<double> v1) = Vector256.Widen(Vector256.LoadUnsafe(ref row));
                    (Vector256<double> v2, Vector256<double> v3) = Vector256.Widen(Vector256.LoadUnsafe(ref row, 8));
                    sum0 += v0;
                    sum1 += v1;
                    sum2 += v2;
                    sum3 += v3;
                }
                Vector256<double> mu0 = sum0 / count, mu1 = sum1 / count, mu2 = sum2 / count, mu3 = sum3 / count;
                Vector256<double> sq0 = Vector256<double>.Zero, sq1 = Vector256<double>.Zero, sq2 = Vector256<double>.Zero, sq3 = Vector256<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    ref float row = ref Unsafe.Add(ref x0, r * channels + c);
                    (Vector256<double> v0, Vector256<double> v1) = Vector256.Widen(Vector256.LoadUnsafe(ref row));
                    (Vector256<double> v2, Vector256<double> v3) = Vector256.Widen(Vector256.LoadUnsafe(ref row, 8));
                    v0 -= mu0;
                    v1 -= mu1;
                    v2 -= mu2;
                    v3 -= mu3;
                    sq0 += v0 * v0;
                    sq1 += v1 * v1;
                    sq2 += v2 * v2;
                    sq3 += v3 * v3;
                }
                StoreStatistics(ref mean0, ref invStd0, ref mm0, ref mv0, c, mu0, mu1, sq0 / count, sq1 / count, epsilon, decay, movingFactor);
                StoreStatistics(ref mean0, ref invStd0, ref mm0, ref mv0, c + 8, mu2, mu3, sq2 / count, sq3 / count, epsilon, decay, movingFactor);
            }
            for (; c <= end - 8; c += 8)
            {
                Vector256<double> sumLo = Vector256<double>.Zero, sumHi = Vector256<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref x0, (nuint)(r * channels + c)));
                    sumLo += lo;
                    sumHi += hi;
                }
                Vector256<double> muLo = sumLo / count, muHi = sumHi / count;
                Vector256<double> sqLo = Vector256<double>.Zero, sqHi = Vector256<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref x0, (nuint)(r * channels + c)));
                    lo -= muLo;
                    hi -= muHi;
                    sqLo += lo * lo;
                    sqHi += hi * hi;
                }
                StoreStatistics(ref mean0, ref invStd0, ref mm0, ref mv0, c, muLo, muHi, sqLo / count, sqHi / count, epsilon, decay, movingFactor);
            }
        }
        // Also the last 4 to 7 channels on Vector256: the lanes do the scalar operations, so the bits are the same.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= end - 4; c += 4)
            {
                Vector128<double> sumLo = Vector128<double>.Zero, sumHi = Vector128<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref x0, (nuint)(r * channels + c)));
                    sumLo += lo;
                    sumHi += hi;
                }
                Vector128<double> muLo = sumLo / count, muHi = sumHi / count;
                Vector128<double> sqLo = Vector128<double>.Zero, sqHi = Vector128<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref x0, (nuint)(r * channels + c)));
                    lo -= muLo;
                    hi -= muHi;
                    sqLo += lo * lo;
                    sqHi += hi * hi;
                }
                Vector128<double> varLo = sqLo / count, varHi = sqHi / count;
                Vector128<float> mu = Vector128.Narrow(muLo, muHi), variance = Vector128.Narrow(varLo * movingFactor, varHi * movingFactor);
                mu.StoreUnsafe(ref mean0, (nuint)c);
                Vector128.Narrow(Vector128<double>.One / Vector128.Sqrt(varLo + Vector128.Create((double)epsilon)),
                    Vector128<double>.One / Vector128.Sqrt(varHi + Vector128.Create((double)epsilon))).StoreUnsafe(ref invStd0, (nuint)c);
                Vector128<float> d = Vector128.Create(decay), mm = Vector128.LoadUnsafe(ref mm0, (nuint)c), mv = Vector128.LoadUnsafe(ref mv0, (nuint)c);
                (mm - (mm - mu) * d).StoreUnsafe(ref mm0, (nuint)c);
                (mv - (mv - variance) * d).StoreUnsafe(ref mv0, (nuint)c);
            }
        }
        for (; c < end; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += Unsafe.Add(ref x0, r * channels + c);
            double mu = sum / count, squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double deviation = Unsafe.Add(ref x0, r * channels + c) - mu;
                squares += deviation * deviation;
            }
            double variance = squares / count;
            Unsafe.Add(ref mean0, c) = (float)mu;
            Unsafe.Add(ref invStd0, c) = (float)(1.0 / Math.Sqrt(variance + epsilon));
            ref float mm = ref Unsafe.Add(ref mm0, c);
            ref float mv = ref Unsafe.Add(ref mv0, c);
            mm -= (mm - (float)mu) * decay;
            mv -= (mv - (float)(variance * movingFactor)) * decay;
        }
    }

    /// <summary>
    /// Stores the statistics of channels [c, c + 8) from their double mean and biased variance (low and high 4 lanes),
    /// and moves the moving statistics toward them: the scalar tail's operations, lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreStatistics(ref float mean0, ref float invStd0, ref float mm0, ref float mv0, int c,
        Vector256<double> muLo, Vector256<double> muHi, Vector256<double> varLo, Vector256<double> varHi, float epsilon, float decay, double movingFactor)
    {
        Vector256<float> mu = Vector256.Narrow(muLo, muHi), variance = Vector256.Narrow(varLo * movingFactor, varHi * movingFactor);
        mu.StoreUnsafe(ref mean0, (nuint)c);
        Vector256.Narrow(Vector256<double>.One / Vector256.Sqrt(varLo + Vector256.Create((double)epsilon)),
            Vector256<double>.One / Vector256.Sqrt(varHi + Vector256.Create((double)epsilon))).StoreUnsafe(ref invStd0, (nuint)c);
        Vector256<float> d = Vector256.Create(decay), mm = Vector256.LoadUnsafe(ref mm0, (nuint)c), mv = Vector256.LoadUnsafe(ref mv0, (nuint)c);
        (mm - (mm - mu) * d).StoreUnsafe(ref mm0, (nuint)c);
        (mv - (mv - variance) * d).StoreUnsafe(ref mv0, (nuint)c);
    }

    /// <summary>Inference (and frozen-layer) statistics of channels [start, end): invStd = 1/√(moving variance + ε).</summary>
    public static void InferenceStatistics(Span<float> invStd, ReadOnlySpan<float> movingVariance, float epsilon, int start, int end)
    {
        if (invStd.Length != movingVariance.Length || start < 0 || end > invStd.Length || start > end)
            throw new ArgumentException("BatchNormalization.InferenceStatistics: buffer lengths or channel range do not match.");
        for (int c = start; c < end; c++)
            invStd[c] = (float)(1.0 / Math.Sqrt((double)movingVariance[c] + epsilon));
    }

    /// <summary>
    /// Channels [start, end) of y = γ·x̂ + β with x̂ = (x − mean)·invStd; x̂ is also written to <paramref name="xHat"/>
    /// unless it is empty (inference keeps nothing for a backward pass).
    /// </summary>
    public static void Normalize(Span<float> y, Span<float> xHat, ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, int rows, int channels, int start, int end)
    {
        CheckSlice(x, rows, channels, start, end);
        CheckSlice(y, rows, channels, start, end);
        if (!xHat.IsEmpty) CheckSlice(xHat, rows, channels, start, end);
        CheckRequired(channels, mean);
        CheckRequired(channels, invStd);
        CheckChannels(channels, gamma, beta);
        bool keep = !xHat.IsEmpty, scale = !gamma.IsEmpty, center = !beta.IsEmpty;
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        ref float h0 = ref MemoryMarshal.GetReference(xHat);
        ref float mean0 = ref MemoryMarshal.GetReference(mean);
        ref float invStd0 = ref MemoryMarshal.GetReference(invStd);
        ref float gamma0 = ref MemoryMarshal.GetReference(gamma);
        ref float beta0 = ref MemoryMarshal.GetReference(beta);
        int c = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= end - 8; c += 8)
            {
                Vector256<float> mu = Vector256.LoadUnsafe(ref mean0, (nuint)c), s = Vector256.LoadUnsafe(ref invStd0, (nuint)c);
                Vector256<float> g = scale ? Vector256.LoadUnsafe(ref gamma0, (nuint)c) : Vector256<float>.One;
                Vector256<float> b = center ? Vector256.LoadUnsafe(ref beta0, (nuint)c) : Vector256<float>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    Vector256<float> h = (Vector256.LoadUnsafe(ref x0, i) - mu) * s;
                    if (keep) h.StoreUnsafe(ref h0, i);
                    Simd.MultiplyAdd(g, h, b).StoreUnsafe(ref y0, i);
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= end - 4; c += 4)
            {
                Vector128<float> mu = Vector128.LoadUnsafe(ref mean0, (nuint)c), s = Vector128.LoadUnsafe(ref invStd0, (nuint)c);
                Vector128<float> g = scale ? Vector128.LoadUnsafe(ref gamma0, (nuint)c) : Vector128<float>.One;
                Vector128<float> b = center ? Vector128.LoadUnsafe(ref beta0, (nuint)c) : Vector128<float>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    Vector128<float> h = (Vector128.LoadUnsafe(ref x0, i) - mu) * s;
                    if (keep) h.StoreUnsafe(ref h0, i);
                    Simd.MultiplyAdd(g, h, b).StoreUnsafe(ref y0, i);
                }
            }
        }
        for (; c < end; c++)
        {
            float mu = Unsafe.Add(ref mean0, c), s = Unsafe.Add(ref invStd0, c);
            float g = scale ? Unsafe.Add(ref gamma0, c) : 1f, b = center ? Unsafe.Add(ref beta0, c) : 0f;
            for (int r = 0; r < rows; r++)
            {
                int i = r * channels + c;
                float h = (Unsafe.Add(ref x0, i) - mu) * s;
                if (keep) Unsafe.Add(ref h0, i) = h;
                Unsafe.Add(ref y0, i) = g * h + b;
            }
        }
    }

    /// <summary>
    /// Training-mode backward of channels [start, end), through the batch statistics: dβ = Σ dy, dγ = Σ dy·x̂ (sums in
    /// double; written, not accumulated; skipped when the span is empty) and, unless <paramref name="dx"/> is empty,
    /// dx = γ·invStd·(dy − mean(dy) − x̂·mean(dy·x̂)). <paramref name="dx"/> may be the same memory as <paramref name="dy"/>.
    /// </summary>
    public static void Backward(Span<float> dx, Span<float> dGamma, Span<float> dBeta, ReadOnlySpan<float> dy, ReadOnlySpan<float> xHat,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> invStd, int rows, int channels, int start, int end)
    {
        CheckSlice(dy, rows, channels, start, end);
        CheckSlice(xHat, rows, channels, start, end);
        if (!dx.IsEmpty) CheckSlice(dx, rows, channels, start, end);
        CheckRequired(channels, invStd);
        CheckChannels(channels, dGamma, dBeta, gamma);
        bool input = !dx.IsEmpty, scale = !gamma.IsEmpty;
        ref float dx0 = ref MemoryMarshal.GetReference(dx);
        ref float dy0 = ref MemoryMarshal.GetReference(dy);
        ref float h0 = ref MemoryMarshal.GetReference(xHat);
        ref float gamma0 = ref MemoryMarshal.GetReference(gamma);
        ref float invStd0 = ref MemoryMarshal.GetReference(invStd);
        double count = rows;
        int c = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= end - 8; c += 8)
            {
                Vector256<double> sumLo = Vector256<double>.Zero, sumHi = Vector256<double>.Zero, dotLo = Vector256<double>.Zero, dotHi = Vector256<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (Vector256<double> gLo, Vector256<double> gHi) = Vector256.Widen(Vector256.LoadUnsafe(ref dy0, i));
                    (Vector256<double> hLo, Vector256<double> hHi) = Vector256.Widen(Vector256.LoadUnsafe(ref h0, i));
                    sumLo += gLo;
                    sumHi += gHi;
                    dotLo += gLo * hLo;
                    dotHi += gHi * hHi;
                }
                Vector256<float> sum = Vector256.Narrow(sumLo, sumHi), dot = Vector256.Narrow(dotLo, dotHi);
                if (!dBeta.IsEmpty) sum.StoreUnsafe(ref MemoryMarshal.GetReference(dBeta), (nuint)c);
                if (!dGamma.IsEmpty) dot.StoreUnsafe(ref MemoryMarshal.GetReference(dGamma), (nuint)c);
                if (!input) continue;
                Vector256<float> meanDy = Vector256.Narrow(sumLo / count, sumHi / count), meanDot = Vector256.Narrow(dotLo / count, dotHi / count);
                Vector256<float> k = Vector256.LoadUnsafe(ref invStd0, (nuint)c);
                if (scale) k *= Vector256.LoadUnsafe(ref gamma0, (nuint)c);
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (k * (Vector256.LoadUnsafe(ref dy0, i) - meanDy - Vector256.LoadUnsafe(ref h0, i) * meanDot)).StoreUnsafe(ref dx0, i);
                }
            }
        }
        // Also the last 4 to 7 channels on Vector256: the lanes do the scalar operations, so the bits are the same.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= end - 4; c += 4)
            {
                Vector128<double> sumLo = Vector128<double>.Zero, sumHi = Vector128<double>.Zero, dotLo = Vector128<double>.Zero, dotHi = Vector128<double>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (Vector128<double> gLo, Vector128<double> gHi) = Vector128.Widen(Vector128.LoadUnsafe(ref dy0, i));
                    (Vector128<double> hLo, Vector128<double> hHi) = Vector128.Widen(Vector128.LoadUnsafe(ref h0, i));
                    sumLo += gLo;
                    sumHi += gHi;
                    dotLo += gLo * hLo;
                    dotHi += gHi * hHi;
                }
                Vector128<float> sum = Vector128.Narrow(sumLo, sumHi), dot = Vector128.Narrow(dotLo, dotHi);
                if (!dBeta.IsEmpty) sum.StoreUnsafe(ref MemoryMarshal.GetReference(dBeta), (nuint)c);
                if (!dGamma.IsEmpty) dot.StoreUnsafe(ref MemoryMarshal.GetReference(dGamma), (nuint)c);
                if (!input) continue;
                Vector128<float> meanDy = Vector128.Narrow(sumLo / count, sumHi / count), meanDot = Vector128.Narrow(dotLo / count, dotHi / count);
                Vector128<float> k = Vector128.LoadUnsafe(ref invStd0, (nuint)c);
                if (scale) k *= Vector128.LoadUnsafe(ref gamma0, (nuint)c);
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (k * (Vector128.LoadUnsafe(ref dy0, i) - meanDy - Vector128.LoadUnsafe(ref h0, i) * meanDot)).StoreUnsafe(ref dx0, i);
                }
            }
        }
        for (; c < end; c++)
        {
            double sum = 0, dot = 0;
            for (int r = 0; r < rows; r++)
            {
                int i = r * channels + c;
                double g = Unsafe.Add(ref dy0, i);
                sum += g;
                dot += g * Unsafe.Add(ref h0, i);
            }
            if (!dBeta.IsEmpty) dBeta[c] = (float)sum;
            if (!dGamma.IsEmpty) dGamma[c] = (float)dot;
            if (!input) continue;
            float meanDy = (float)(sum / count), meanDot = (float)(dot / count);
            float k = Unsafe.Add(ref invStd0, c) * (scale ? Unsafe.Add(ref gamma0, c) : 1f);
            for (int r = 0; r < rows; r++)
            {
                int i = r * channels + c;
                Unsafe.Add(ref dx0, i) = k * (Unsafe.Add(ref dy0, i) - meanDy - Unsafe.Add(ref h0, i) * meanDot);
            }
        }
    }

    /// <summary>
    /// Backward of a frozen layer (<c>trainable=False</c>), which normalizes with the moving statistics in training
    /// too: dx = dy·γ·invStd over channels [start, end). <paramref name="dx"/> may be the same memory as <paramref name="dy"/>.
    /// </summary>
    public static void BackwardFrozen(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> gamma, ReadOnlySpan<float> invStd,
        int rows, int channels, int start, int end)
    {
        CheckSlice(dy, rows, channels, start, end);
        CheckSlice(dx, rows, channels, start, end);
        CheckRequired(channels, invStd);
        CheckChannels(channels, gamma, default);
        bool scale = !gamma.IsEmpty;
        ref float dx0 = ref MemoryMarshal.GetReference(dx);
        ref float dy0 = ref MemoryMarshal.GetReference(dy);
        ref float gamma0 = ref MemoryMarshal.GetReference(gamma);
        ref float invStd0 = ref MemoryMarshal.GetReference(invStd);
        int c = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= end - 8; c += 8)
            {
                Vector256<float> k = Vector256.LoadUnsafe(ref invStd0, (nuint)c);
                if (scale) k *= Vector256.LoadUnsafe(ref gamma0, (nuint)c);
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (Vector256.LoadUnsafe(ref dy0, i) * k).StoreUnsafe(ref dx0, i);
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= end - 4; c += 4)
            {
                Vector128<float> k = Vector128.LoadUnsafe(ref invStd0, (nuint)c);
                if (scale) k *= Vector128.LoadUnsafe(ref gamma0, (nuint)c);
                for (int r = 0; r < rows; r++)
                {
                    nuint i = (nuint)(r * channels + c);
                    (Vector128.LoadUnsafe(ref dy0, i) * k).StoreUnsafe(ref dx0, i);
                }
            }
        }
        for (; c < end; c++)
        {
            float k = Unsafe.Add(ref invStd0, c) * (scale ? Unsafe.Add(ref gamma0, c) : 1f);
            for (int r = 0; r < rows; r++) Unsafe.Add(ref dx0, r * channels + c) = Unsafe.Add(ref dy0, r * channels + c) * k;
        }
    }

    private static void CheckSlice(ReadOnlySpan<float> values, int rows, int channels, int start, int end)
    {
        if (rows < 0 || channels <= 0 || values.Length < (long)rows * channels || start < 0 || end > channels || start > end)
            throw new ArgumentException($"BatchNormalization: a buffer of {values.Length} values does not hold {rows} rows of {channels} channels, or the channel range [{start}, {end}) is outside them.");
    }

    /// <summary>A per-channel statistic has exactly one value per channel.</summary>
    private static void CheckRequired(int channels, ReadOnlySpan<float> statistic)
    {
        if (statistic.Length != channels)
            throw new ArgumentException($"BatchNormalization: a per-channel statistic does not have {channels} values.");
    }

    /// <summary>A per-channel vector has one value per channel, or is empty (γ = 1, β = 0, or a gradient not needed).</summary>
    private static void CheckChannels(int channels, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c = default)
    {
        if (a.Length is not 0 && a.Length != channels || b.Length is not 0 && b.Length != channels
            || c.Length is not 0 && c.Length != channels)
            throw new ArgumentException($"BatchNormalization: a per-channel vector does not have {channels} values.");
    }
}
