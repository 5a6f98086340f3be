using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// The recurrent layers' per-step cell kernels and sequence layouts. The generated code keeps a layer's sequences
/// time-major, (T, B, width), so that one step is one contiguous (B, width) block: the products over all steps are
/// then single matrix products of T·B rows, and a step's recurrent product is one (B, units) × (units, G·units) product.
/// Gate pre-activations z = x·W + b + h·U arrive in <c>gates</c> and leave it activated; the backward kernels take the
/// activations' derivatives from their outputs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Recurrent
{
    /// <summary>timeMajor[s, b, :] = batchMajor[b, t, :], t = s, or T − 1 − s when <paramref name="reverse"/> (go_backwards).</summary>
    public static void ToTimeMajor(Span<float> timeMajor, ReadOnlySpan<float> batchMajor, int batch, int steps, int width, bool reverse)
    {
        CheckLength(timeMajor.Length, batchMajor.Length, batch * steps * width);
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++)
                batchMajor.Slice((b * steps + t) * width, width).CopyTo(timeMajor.Slice((s * batch + b) * width, width));
        }
    }

    /// <summary>The inverse of <see cref="ToTimeMajor"/>: batchMajor[b, t, :] = timeMajor[s, b, :].</summary>
    public static void FromTimeMajor(Span<float> batchMajor, ReadOnlySpan<float> timeMajor, int batch, int steps, int width, bool reverse)
    {
        CheckLength(timeMajor.Length, batchMajor.Length, batch * steps * width);
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++)
                timeMajor.Slice((s * batch + b) * width, width).CopyTo(batchMajor.Slice((b * steps + t) * width, width));
        }
    }

    /// <summary>dh[b, :] += dy[b, step, :]: step <paramref name="step"/>'s share of a returned sequence's gradient (B, T, units).</summary>
    public static void AddStep(Span<float> dh, ReadOnlySpan<float> dy, int batch, int steps, int step, int units)
    {
        CheckLength(dh.Length, batch * units, batch * units);
        CheckLength(dy.Length, batch * steps * units, batch * steps * units);
        for (int b = 0; b < batch; b++)
            PartialSums.AddTo(dh.Slice(b * units, units), dy.Slice((b * steps + step) * units, units));
    }

    /// <summary>
    /// One LSTM step (gates i, f, c, o): on entry <paramref name="gates"/> holds x·W + b, to which the recurrent product
    /// is added; on exit the activated gates (kept for the backward pass). Then c = f⊙c_prev + i⊙g,
    /// <paramref name="activatedC"/> = activation(c) (kept too) and h = o⊙activation(c).
    /// </summary>
    public static void LstmForward(Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> activatedC, Span<float> h,
        int batch, int units, Activation activation, Activation recurrentActivation)
    {
        int width = 4 * units;
        CheckLength(gates.Length, recurrent.Length, batch * width);
        for (int b = 0; b < batch; b++)
        {
            Span<float> z = gates.Slice(b * width, width);
            PartialSums.AddTo(z, recurrent.Slice(b * width, width));
            Apply(recurrentActivation, z.Slice(0, 2 * units));
            Apply(activation, z.Slice(2 * units, units));
            Apply(recurrentActivation, z.Slice(3 * units, units));
            ReadOnlySpan<float> cp = cPrev.Slice(b * units, units);
            Span<float> cRow = c.Slice(b * units, units), aRow = activatedC.Slice(b * units, units), hRow = h.Slice(b * units, units);
            CellMath.ProductSum(cRow, z.Slice(units, units), cp, z.Slice(0, units), z.Slice(2 * units, units)); // f⊙c_prev + i⊙g
            cRow.CopyTo(aRow);
            Apply(activation, aRow);
            Merge.Multiply(hRow, z.Slice(3 * units, units), aRow); // o⊙activation(c)
        }
    }

    /// <summary>
    /// The backward pass of one LSTM step. <paramref name="dh"/> is dL/dh_t (from the output and the later step);
    /// <paramref name="dc"/> enters as dL/dc_t through the later step's cell (0 at the last step) and leaves as
    /// dL/dc_{t−1}. Writes <paramref name="dGates"/>, the gradient w.r.t. the pre-activations z_t.
    /// </summary>
    public static void LstmBackward(Span<float> dGates, Span<float> dc, ReadOnlySpan<float> dh, ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> activatedC,
        int batch, int units, Activation activation, Activation recurrentActivation)
    {
        int width = 4 * units;
        CheckLength(dGates.Length, gates.Length, batch * width);
        for (int b = 0; b < batch; b++)
        {
            Span<float> d = dGates.Slice(b * width, width);
            ReadOnlySpan<float> z = gates.Slice(b * width, width), dhRow = dh.Slice(b * units, units), cp = cPrev.Slice(b * units, units), a = activatedC.Slice(b * units, units);
            Span<float> dcRow = dc.Slice(b * units, units), dG = d.Slice(2 * units, units);
            Merge.Multiply(d.Slice(3 * units, units), dhRow, a);   // dL/do
            Merge.Multiply(dG, dhRow, z.Slice(3 * units, units));  // dL/d activation(c), for the moment in the c block
            Backward(activation, dG, a);                             // through activation(c)
            // dL/dc_t in full, then dL/di, dL/df, dL/dg (in the c block) and dL/dc_{t-1}.
            CellMath.LstmCellGradients(d.Slice(0, units), d.Slice(units, units), dG, dcRow,
                z.Slice(0, units), z.Slice(units, units), z.Slice(2 * units, units), cp);
            Backward(recurrentActivation, d.Slice(0, 2 * units), z.Slice(0, 2 * units));
            Backward(activation, dG, z.Slice(2 * units, units));
            Backward(recurrentActivation, d.Slice(3 * units, units), z.Slice(3 * units, units));
        }
    }

    /// <summary>
    /// One GRU step (reset_after, gates z, r, h): on entry <paramref name="gates"/> holds x·W + b_in and
    /// <paramref name="recurrent"/> h_prev·U + b_rec; on exit <paramref name="gates"/> holds z, r and ĥ =
    /// activation(x_h + r⊙rec_h), and h = z⊙h_prev + (1 − z)⊙ĥ.
    /// </summary>
    public static void GruForward(Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> hPrev, Span<float> h,
        int batch, int units, Activation activation, Activation recurrentActivation)
    {
        int width = 3 * units;
        CheckLength(gates.Length, recurrent.Length, batch * width);
        for (int b = 0; b < batch; b++)
        {
            Span<float> z = gates.Slice(b * width, width);
            ReadOnlySpan<float> rec = recurrent.Slice(b * width, width), hp = hPrev.Slice(b * units, units);
            PartialSums.AddTo(z.Slice(0, 2 * units), rec.Slice(0, 2 * units));
            Apply(recurrentActivation, z.Slice(0, 2 * units));
            CellMath.AddProduct(z.Slice(2 * units, units), z.Slice(units, units), rec.Slice(2 * units, units)); // x_h + r⊙rec_h
            Apply(activation, z.Slice(2 * units, units));
            Span<float> hRow = h.Slice(b * units, units);
            CellMath.Interpolate(hRow, z.Slice(0, units), hp, z.Slice(2 * units, units)); // z⊙h_prev + (1 − z)⊙ĥ
        }
    }

    /// <summary>
    /// The backward pass of one GRU step. <paramref name="dh"/> enters as dL/dh_t and leaves as the direct part of
    /// dL/dh_{t−1}, dh⊙z (the caller adds dRecurrent·Uᵀ). Writes the gradients w.r.t. x·W + b_in
    /// (<paramref name="dInput"/>) and w.r.t. h_prev·U + b_rec (<paramref name="dRecurrent"/>).
    /// </summary>
    public static void GruBackward(Span<float> dInput, Span<float> dRecurrent, Span<float> dh, ReadOnlySpan<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> hPrev,
        int batch, int units, Activation activation, Activation recurrentActivation)
    {
        int width = 3 * units;
        CheckLength(dInput.Length, gates.Length, batch * width);
        CheckLength(dRecurrent.Length, recurrent.Length, batch * width);
        for (int b = 0; b < batch; b++)
        {
            Span<float> di = dInput.Slice(b * width, width), dr = dRecurrent.Slice(b * width, width), dhRow = dh.Slice(b * units, units);
            ReadOnlySpan<float> z = gates.Slice(b * width, width), rec = recurrent.Slice(b * width, width), hp = hPrev.Slice(b * units, units);
            for (int j = 0; j < units; j++)
            {
                di[j] = dhRow[j] * (hp[j] - z[2 * units + j]);   // dL/dz
                di[2 * units + j] = dhRow[j] * (1f - z[j]);      // dL/dĥ
                dhRow[j] *= z[j];                                // the direct path to h_prev
            }
            Backward(activation, di.Slice(2 * units, units), z.Slice(2 * units, units));
            for (int j = 0; j < units; j++)
            {
                di[units + j] = di[2 * units + j] * rec[2 * units + j];  // dL/dr
                dr[2 * units + j] = di[2 * units + j] * z[units + j];    // through r⊙rec_h
            }
            Backward(recurrentActivation, di.Slice(0, 2 * units), z.Slice(0, 2 * units));
            di.Slice(0, 2 * units).CopyTo(dr.Slice(0, 2 * units));
        }
    }

    /// <summary>One SimpleRNN step: on entry <paramref name="h"/> holds x·W + b; on exit activation(x·W + b + h_prev·U).</summary>
    public static void SimpleForward(Span<float> h, ReadOnlySpan<float> recurrent, Activation activation)
    {
        PartialSums.AddTo(h, recurrent);
        Apply(activation, h);
    }

    /// <summary>The backward pass of one SimpleRNN step: dZ = dh ⊙ activation'(h), written to <paramref name="dGates"/>.</summary>
    public static void SimpleBackward(Span<float> dGates, ReadOnlySpan<float> dh, ReadOnlySpan<float> h, Activation activation)
    {
        dh.CopyTo(dGates);
        Backward(activation, dGates, h);
    }

    /// <summary>Applies <paramref name="kind"/> in place (the activations whose derivative follows from the output).</summary>
    public static void Apply(Activation kind, Span<float> values)
    {
        switch (kind)
        {
            case Activation.Linear: break;
            case Activation.Tanh: Activations.Tanh(values); break;
            case Activation.Sigmoid: Activations.Sigmoid(values); break;
            case Activation.Relu: Activations.Relu(values); break;
            case Activation.Elu: Activations.Elu(values); break;
            case Activation.Selu: Activations.Selu(values); break;
            case Activation.Softplus: Activations.Softplus(values); break;
            case Activation.LeakyRelu: Activations.LeakyRelu(values, values, Activations.LeakyReluActivationSlope); break;
            default: throw new NotSupportedException($"Activation.{kind} is not supported in a recurrent cell.");
        }
    }

    /// <summary>Turns the gradient w.r.t. <paramref name="kind"/>'s output into the gradient w.r.t. its input, in place.</summary>
    public static void Backward(Activation kind, Span<float> gradient, ReadOnlySpan<float> output)
    {
        switch (kind)
        {
            case Activation.Linear: break;
            case Activation.Tanh: Activations.TanhBackward(gradient, output); break;
            case Activation.Sigmoid: Activations.SigmoidBackward(gradient, output); break;
            case Activation.Relu: Activations.ReluBackward(gradient, output); break;
            case Activation.Elu: Activations.EluBackward(gradient, output); break;
            case Activation.Selu: Activations.SeluBackward(gradient, output); break;
            case Activation.Softplus: Activations.SoftplusBackward(gradient, output); break;
            case Activation.LeakyRelu: Activations.LeakyReluBackward(gradient, output, Activations.LeakyReluActivationSlope); break;
            default: throw new NotSupportedException($"Activation.{kind} is not supported in a recurrent cell.");
        }
    }

    private static void CheckLength(int a, int b, int expected)
    {
        if (a < expected || b < expected)
            throw new ArgumentException($"Recurrent kernel: expected buffers of at least {expected} values; found {a} and {b}.");
    }
}
