using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits <c>ApplyGradientsCore</c>: the optimizer update as one fused pass over the flat parameter, gradient and
/// state buffers (Keras's formulas), with Vector256 / Vector128 / scalar paths. The base writes what every optimizer
/// shares, in Keras's order: gradient clipping (the gradient as the update reads it, <c>gi</c>), decoupled weight decay
/// (the weight as the update reads it, <c>wi</c>), then the kind's own update, which stores the new weight.
/// </summary>
internal abstract class OptimizerEmitter
{
    protected OptimizerEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights)
    {
        Optimizer = optimizer;
        Count = count;
        Weights = weights;
    }

    protected OptimizerSpec Optimizer { get; }

    protected int Count { get; }

    private EquatableArray<WeightSpec> Weights { get; }

    public static OptimizerEmitter For(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) => optimizer.Kind switch
    {
        OptimizerKind.Sgd => new SgdEmitter(optimizer, count, weights),
        OptimizerKind.Adam or OptimizerKind.AdamW => new AdamEmitter(optimizer, count, weights),
        OptimizerKind.Adagrad => new AdagradEmitter(optimizer, count, weights),
        OptimizerKind.RmsProp => new RmsPropEmitter(optimizer, count, weights),
        OptimizerKind.Adadelta => new AdadeltaEmitter(optimizer, count, weights),
        OptimizerKind.Nadam => new NadamEmitter(optimizer, count, weights),
        _ => throw new NotSupportedException(optimizer.Kind.ToString()),
    };

    /// <summary>The update in one line, after the clipping and weight decay that precede it (Keras's order).</summary>
    public string Describe()
    {
        string clipping = Optimizer.Clipping switch
        {
            GradientClipKind.ClipNorm => "g clipped per weight tensor: g *= clipnorm / max(norm(g), clipnorm); ",
            GradientClipKind.ClipValue => "g clipped elementwise to [-clipvalue, clipvalue]; ",
            GradientClipKind.GlobalClipNorm => "g *= global_clipnorm / max(G, global_clipnorm), G = the norm of all gradients; ",
            _ => "",
        };
        string decay = Optimizer.HasWeightDecay ? "decoupled weight decay on every weight: w -= w * weight_decay * lr; then " : "";
        return clipping + decay + DescribeUpdate();
    }

    /// <summary>The kind's own update, e.g. <c>SGD (Keras): w -= lr * g</c>.</summary>
    protected abstract string DescribeUpdate();

    /// <summary>The runtime settings the generated constructor starts from.</summary>
    public string SettingsInitializer()
    {
        var settings = new List<string>
        {
            $"LearningRate = {Literals.Double(Optimizer.LearningRate)}",
            $"Momentum = {Literals.Double(Optimizer.Momentum)}",
            $"Beta1 = {Literals.Double(Optimizer.Beta1)}",
            $"Beta2 = {Literals.Double(Optimizer.Beta2)}",
            $"Epsilon = {Literals.Double(Optimizer.Epsilon)}",
        };
        if (Optimizer.UsesRho) settings.Add($"Rho = {Literals.Double(Optimizer.Rho)}");
        if (Optimizer.HasWeightDecay) settings.Add($"WeightDecay = {Literals.Double(Optimizer.WeightDecay)}");
        if (Optimizer.Clipping != GradientClipKind.None) settings.Add($"{Optimizer.Clipping} = {Literals.Double(Optimizer.ClipThreshold)}");
        return $"new global::NetGen.OptimizerSettings {{ {string.Join(", ", settings)} }}";
    }

    /// <summary>Statements of the generated constructor that set the initial optimizer state, if it is not zero.</summary>
    public virtual void EmitInitialState(IndentedSourceWriter w)
    {
    }

    /// <summary>The name of the optimizer's parallel task.</summary>
    public const string TaskName = "Optimizer";

    private bool ClipsPerTensor => Optimizer.Clipping == GradientClipKind.ClipNorm;

    public void Emit(IndentedSourceWriter w)
    {
        w.Line($"private float {string.Join(", ", AllFields)}; // this step's constants, for the parallel parts");
        if (ClipsPerTensor)
        {
            w.Line($"private readonly float[] _gradientScales = new float[{Weights.Count}]; // this step's ClipNorm factor per weight tensor");
            w.Line();
            w.Line("/// <summary>Where each weight tensor ends in the flat buffers (ClipNorm clips each tensor separately).</summary>");
            w.Line($"private static readonly int[] s_weightEnds = {{ {string.Join(", ", Weights.Select(weight => $"Layout.{weight.ConstantName} + {weight.Length}"))} }};");
        }
        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("protected override void ApplyGradientsCore()"))
        {
            w.Line($"// {Describe()}");
            w.Line($"// One fused pass over all {Literals.Count(Count)} parameters, split over threads in slices of 16 when the step's products were.");
            w.Line("double learningRate = OptimizerSettings.LearningRate;");
            EmitClippingSetup(w);
            if (Optimizer.HasWeightDecay)
                w.Line("_weightDecay = double.IsNaN(OptimizerSettings.WeightDecay) ? 0f : (float)(OptimizerSettings.WeightDecay * learningRate); // NaN = none");
            EmitSetup(w);
            w.Line($"RunOptimizerParallel(Tasks.{TaskName});");
        }
        w.Line();
        if (ClipsPerTensor)
        {
            w.Line("/// <summary>The optimizer update of parameters [start, end): the part in each weight tensor, with that tensor's ClipNorm factor.</summary>");
            using (w.Block("private void UpdateParameters(int start, int end)"))
            {
                w.Line("int[] ends = s_weightEnds;");
                using (w.Block("for (int k = 0, from = 0; k < ends.Length && from < end; from = ends[k++])"))
                {
                    w.Line("int segmentStart = Math.Max(start, from), segmentEnd = Math.Min(end, ends[k]);");
                    w.Line("if (segmentStart < segmentEnd) UpdateSegment(segmentStart, segmentEnd, _gradientScales[k]);");
                }
            }
            w.Line();
            w.Line("/// <summary>The optimizer update of parameters [start, end) of one weight tensor, whose gradient is scaled by <paramref name=\"gradientScale\"/>.</summary>");
        }
        else
        {
            w.Line("/// <summary>The optimizer update of parameters [start, end).</summary>");
        }
        using (w.Block(ClipsPerTensor ? "private void UpdateSegment(int start, int end, float gradientScale)" : "private void UpdateParameters(int start, int end)"))
        {
            w.Line("ref float w = ref MemoryMarshal.GetReference(Parameters);");
            w.Line("ref float g = ref MemoryMarshal.GetReference(Gradients);");
            string[] slots = Optimizer.SlotNames;
            for (int k = 0; k < slots.Length; k++)
                w.Line($"ref float {SlotLocal(slots[k])} = ref MemoryMarshal.GetReference(OptimizerSlot({k})); // Keras slot '{slots[k]}'");
            w.Line("int i = start;");
            EmitLocals(w);
            EmitSharedLocals(w);
            if (ClipsPerTensor)
            {
                w.Line("// Vectors cover whole aligned blocks only, so which elements take the scalar path depends on the tensor");
                w.Line("// boundaries, never on the thread count.");
                w.Line("int width = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;");
                using (w.Block("for (int head = Math.Min(end, (start + width - 1) & -width); i < head; i++)"))
                    EmitScalarIteration(w);
            }
            bool first = true;
            foreach (VectorPath path in VectorPath.All)
            {
                using (w.Block((first ? "if" : "else if") + $" ({path.Type}.IsHardwareAccelerated)"))
                {
                    EmitSharedVectorSetup(w, path);
                    EmitVectorSetup(w, path);
                    using (w.Block($"for (; i <= end - {path.Width}; i += {path.Width})"))
                    {
                        w.Line($"{path.Type}<float> gi = {VectorGradient(path)}, wi = {Load(path, "w")};");
                        if (Optimizer.HasWeightDecay) w.Line("wi = Simd.MultiplyAdd(minusWeightDecay, wi, wi);");
                        EmitVectorBody(w, path);
                    }
                }
                first = false;
            }
            using (w.Block("for (; i < end; i++)"))
                EmitScalarIteration(w);
        }
    }

    /// <summary>Part <c>part</c> of the update: slices are multiples of 16 floats, so the vector and scalar paths (and thus
    /// the bits) do not depend on the thread count.</summary>
    public void EmitTask(IndentedSourceWriter w)
    {
        if (InputSplitLayer is var (inputs, units))
        {
            int weights = inputs * units;
            using (w.Block("if (StepSplitInput)"))
            {
                w.Line("// The rows of the first layer's W whose gradient this part's core computed; then its share of the rest if");
                w.Line("// the other products split too, else all of the rest on the calling thread, which computed them.");
                w.Line($"(int rows, int rowCount) = Partition({inputs}, part, parts, InputBlockGranule);");
                w.Line($"UpdateParameters(rows * {units}, (rows + rowCount) * {units});");
                w.Line($"(int rest, int restCount) = StepSplitOtherProducts ? Partition({Count - weights}, part, parts, 16) : (0, part == 0 ? {Count - weights} : 0);");
                w.Line($"UpdateParameters({weights} + rest, {weights} + rest + restCount);");
                w.Line("return;");
            }
        }
        w.Line($"(int start, int count) = Partition({Count}, part, parts, 16);");
        w.Line("UpdateParameters(start, start + count);");
    }

    /// <summary>The first layer's (inputs, units) when it can split by input features (its W then starts the buffer), else null.</summary>
    public (int Inputs, int Units)? InputSplitLayer { get; set; }

    /// <summary>The float fields holding the kind's per-step constants.</summary>
    protected abstract string[] Fields { get; }

    private IEnumerable<string> AllFields
    {
        get
        {
            foreach (string name in Fields) yield return name;
            if (Optimizer.Clipping == GradientClipKind.ClipValue) yield return "_clipValue";
            if (Optimizer.Clipping == GradientClipKind.GlobalClipNorm) yield return "_gradientScale";
            if (Optimizer.HasWeightDecay) yield return "_weightDecay";
        }
    }

    /// <summary>The kind's per-step constants, computed once in ApplyGradientsCore (after <c>double learningRate</c>) and kept in fields for the parallel parts.</summary>
    protected abstract void EmitSetup(IndentedSourceWriter w);

    /// <summary>Locals of UpdateParameters read from the kind's fields.</summary>
    protected abstract void EmitLocals(IndentedSourceWriter w);

    protected abstract void EmitVectorSetup(IndentedSourceWriter w, VectorPath path);

    /// <summary>The vector update of lanes [i, i + width), from <c>gi</c> and <c>wi</c>; stores the new weight.</summary>
    protected abstract void EmitVectorBody(IndentedSourceWriter w, VectorPath path);

    /// <summary>The scalar update of element i, from <c>gi</c> and <c>wi</c>; stores the new weight.</summary>
    protected abstract void EmitScalarBody(IndentedSourceWriter w);

    /// <summary>The local name of a Keras slot in the generated update.</summary>
    protected static string SlotLocal(string kerasName) => kerasName switch
    {
        "momentum" => "m",
        "velocity" => "v",
        "velocity_hat" => "vHat",
        "accumulator" => "acc",
        "average_gradient" => "gAvg",
        "accumulated_grad" => "eg",
        "accumulated_delta_var" => "ed",
        _ => throw new NotSupportedException(kerasName),
    };

    protected static string Load(VectorPath path, string buffer) => $"{path.Type}.LoadUnsafe(ref {buffer}, (nuint)i)";

    protected static string Store(string buffer) => $".StoreUnsafe(ref {buffer}, (nuint)i);";

    protected static string At(string buffer) => $"Unsafe.Add(ref {buffer}, i)";

    private void EmitClippingSetup(IndentedSourceWriter w)
    {
        switch (Optimizer.Clipping)
        {
            case GradientClipKind.ClipNorm:
                w.Line("double clipNorm = OptimizerSettings.ClipNorm;");
                w.Line("ReadOnlySpan<float> gradients = Gradients;");
                w.Line("int[] ends = s_weightEnds;");
                using (w.Block("for (int k = 0, start = 0; k < ends.Length; start = ends[k++])"))
                {
                    w.Line("_gradientScales[k] = double.IsNaN(clipNorm) ? 1f // NaN = none");
                    w.Line("    : GradientClipping.ClipByNormScale(GradientClipping.SumOfSquares(gradients.Slice(start, ends[k] - start)), clipNorm);");
                }
                break;
            case GradientClipKind.ClipValue:
                w.Line("_clipValue = double.IsNaN(OptimizerSettings.ClipValue) ? float.PositiveInfinity : (float)OptimizerSettings.ClipValue; // NaN = none");
                break;
            case GradientClipKind.GlobalClipNorm:
                w.Line("_gradientScale = double.IsNaN(OptimizerSettings.GlobalClipNorm) ? 1f // NaN = none");
                w.Line("    : GradientClipping.ClipByGlobalNormScale(GradientClipping.SumOfSquares(Gradients), OptimizerSettings.GlobalClipNorm);");
                break;
        }
    }

    private void EmitSharedLocals(IndentedSourceWriter w)
    {
        if (Optimizer.Clipping == GradientClipKind.ClipValue) w.Line("float clipValue = _clipValue;");
        if (Optimizer.Clipping == GradientClipKind.GlobalClipNorm) w.Line("float gradientScale = _gradientScale;");
        if (Optimizer.HasWeightDecay) w.Line("float weightDecay = _weightDecay;");
    }

    private void EmitSharedVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        if (Optimizer.Clipping == GradientClipKind.ClipValue)
            w.Line($"{path.Type}<float> clipMax = {path.Type}.Create(clipValue), clipMin = -clipMax;");
        if (Optimizer.Clipping is GradientClipKind.ClipNorm or GradientClipKind.GlobalClipNorm)
            w.Line($"{path.Type}<float> scale = {path.Type}.Create(gradientScale);");
        if (Optimizer.HasWeightDecay)
            w.Line($"{path.Type}<float> minusWeightDecay = {path.Type}.Create(-weightDecay);");
    }

    private string VectorGradient(VectorPath path) => Optimizer.Clipping switch
    {
        GradientClipKind.ClipValue => $"{path.Type}.Min({path.Type}.Max({Load(path, "g")}, clipMin), clipMax)",
        GradientClipKind.ClipNorm or GradientClipKind.GlobalClipNorm => $"{Load(path, "g")} * scale",
        _ => Load(path, "g"),
    };

    private void EmitScalarIteration(IndentedSourceWriter w)
    {
        string gradient = Optimizer.Clipping switch
        {
            GradientClipKind.ClipValue => $"Math.Clamp({At("g")}, -clipValue, clipValue)",
            GradientClipKind.ClipNorm or GradientClipKind.GlobalClipNorm => $"{At("g")} * gradientScale",
            _ => At("g"),
        };
        w.Line($"float gi = {gradient}, wi = {At("w")};");
        if (Optimizer.HasWeightDecay) w.Line("wi -= weightDecay * wi;");
        EmitScalarBody(w);
    }
}
