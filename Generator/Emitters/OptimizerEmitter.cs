using System;
using System.Collections.Generic;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits <c>ApplyGradientsCore</c>: the optimizer update as one fused pass over the flat parameter, gradient and
/// state buffers (Keras's formulas), with Vector256 / Vector128 / scalar paths.
/// </summary>
internal abstract class OptimizerEmitter
{
    protected OptimizerEmitter(OptimizerSpec optimizer, int count)
    {
        Optimizer = optimizer;
        Count = count;
    }

    protected OptimizerSpec Optimizer { get; }

    protected int Count { get; }

    public static OptimizerEmitter For(OptimizerSpec optimizer, int count) => optimizer.Kind switch
    {
        OptimizerKind.Sgd => new SgdEmitter(optimizer, count),
        OptimizerKind.Adam => new AdamEmitter(optimizer, count),
        _ => throw new NotSupportedException(optimizer.Kind.ToString()),
    };

    public abstract string Describe();

    /// <summary>The runtime settings the generated constructor starts from.</summary>
    public string SettingsInitializer() =>
        $"new global::NetGen.OptimizerSettings {{ LearningRate = {Literals.Double(Optimizer.LearningRate)}, Momentum = {Literals.Double(Optimizer.Momentum)}, " +
        $"Beta1 = {Literals.Double(Optimizer.Beta1)}, Beta2 = {Literals.Double(Optimizer.Beta2)}, Epsilon = {Literals.Double(Optimizer.Epsilon)} }}";

    /// <summary>The name of the optimizer's parallel task.</summary>
    public const string TaskName = "Optimizer";

    public void Emit(IndentedSourceWriter w)
    {
        w.Line($"private float {string.Join(", ", Fields)}; // this step's constants, for the parallel parts");
        w.Line();
        w.Line("/// <inheritdoc/>");
        using (w.Block("protected override void ApplyGradientsCore()"))
        {
            w.Line($"// {Describe()}");
            w.Line($"// One fused pass over all {Literals.Count(Count)} parameters, split over threads in slices of 16.");
            EmitSetup(w);
            w.Line($"RunParallel(Tasks.{TaskName}, {Count}L * 8);");
        }
        w.Line();
        w.Line("/// <summary>The optimizer update of parameters [start, end).</summary>");
        using (w.Block("private void UpdateParameters(int start, int end)"))
        {
            w.Line("ref float w = ref MemoryMarshal.GetReference(Parameters);");
            w.Line("ref float g = ref MemoryMarshal.GetReference(Gradients);");
            foreach (string slot in SlotNames) w.Line($"ref float {slot} = ref MemoryMarshal.GetReference(OptimizerSlot({Array.IndexOf(SlotNames, slot)}));");
            w.Line("int i = start;");
            EmitLocals(w);
            bool first = true;
            foreach (VectorPath path in VectorPath.All)
            {
                using (w.Block((first ? "if" : "else if") + $" ({path.Type}.IsHardwareAccelerated)"))
                {
                    EmitVectorSetup(w, path);
                    using (w.Block($"for (; i <= end - {path.Width}; i += {path.Width})"))
                        EmitVectorBody(w, path);
                }
                first = false;
            }
            using (w.Block("for (; i < end; i++)"))
                EmitScalarBody(w);
        }
    }

    /// <summary>Part <c>part</c> of the update: slices are multiples of 16 floats, so the vector and scalar paths (and thus
    /// the bits) do not depend on the thread count.</summary>
    public void EmitTask(IndentedSourceWriter w)
    {
        w.Line($"(int start, int count) = Partition({Count}, part, parts, 16);");
        w.Line("UpdateParameters(start, start + count);");
    }

    protected abstract string[] SlotNames { get; }

    /// <summary>The float fields holding the per-step constants.</summary>
    public abstract string[] Fields { get; }

    /// <summary>Per-step constants, computed once in ApplyGradientsCore and kept in fields for the parallel parts.</summary>
    protected abstract void EmitSetup(IndentedSourceWriter w);

    /// <summary>Locals of UpdateParameters read from those fields.</summary>
    protected abstract void EmitLocals(IndentedSourceWriter w);

    protected abstract void EmitVectorSetup(IndentedSourceWriter w, VectorPath path);

    protected abstract void EmitVectorBody(IndentedSourceWriter w, VectorPath path);

    protected abstract void EmitScalarBody(IndentedSourceWriter w);

    protected static string Load(VectorPath path, string buffer) => $"{path.Type}.LoadUnsafe(ref {buffer}, (nuint)i)";

    protected static string At(string buffer) => $"Unsafe.Add(ref {buffer}, i)";
}

/// <summary>SGD: w −= lr·g; with momentum m = μm − lr·g, w += m (Nesterov: w += μm − lr·g).</summary>
internal sealed class SgdEmitter : OptimizerEmitter
{
    public SgdEmitter(OptimizerSpec optimizer, int count) : base(optimizer, count) { }

    private bool HasMomentum => Optimizer.SlotCount == 1;

    protected override string[] SlotNames => HasMomentum ? new[] { "m" } : Array.Empty<string>();

    public override string Describe() => !HasMomentum
        ? "SGD (Keras): w -= lr * g"
        : Optimizer.Nesterov
            ? "SGD with Nesterov momentum (Keras): m = momentum * m - lr * g; w += momentum * m - lr * g"
            : "SGD with momentum (Keras): m = momentum * m - lr * g; w += m";

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("_learningRate = (float)OptimizerSettings.LearningRate;");
        if (HasMomentum) w.Line("_momentum = (float)OptimizerSettings.Momentum;");
    }

    protected override void EmitLocals(IndentedSourceWriter w)
    {
        w.Line("float learningRate = _learningRate;");
        if (HasMomentum) w.Line("float momentum = _momentum;");
    }

    public override string[] Fields => HasMomentum ? new[] { "_learningRate", "_momentum" } : new[] { "_learningRate" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> minusLr = {path.Type}.Create(-learningRate);");
        if (HasMomentum) w.Line($"{path.Type}<float> mu = {path.Type}.Create(momentum);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        if (!HasMomentum)
        {
            w.Line($"Simd.MultiplyAdd(minusLr, {Load(path, "g")}, {Load(path, "w")}).StoreUnsafe(ref w, (nuint)i);");
            return;
        }
        w.Line($"{path.Type}<float> step = minusLr * {Load(path, "g")};");
        w.Line($"{path.Type}<float> velocity = Simd.MultiplyAdd(mu, {Load(path, "m")}, step);");
        w.Line("velocity.StoreUnsafe(ref m, (nuint)i);");
        w.Line(Optimizer.Nesterov
            ? $"({Load(path, "w")} + Simd.MultiplyAdd(mu, velocity, step)).StoreUnsafe(ref w, (nuint)i);"
            : $"({Load(path, "w")} + velocity).StoreUnsafe(ref w, (nuint)i);");
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        if (!HasMomentum)
        {
            w.Line($"{At("w")} -= learningRate * {At("g")};");
            return;
        }
        w.Line($"float step = -learningRate * {At("g")};");
        w.Line($"float velocity = momentum * {At("m")} + step;");
        w.Line($"{At("m")} = velocity;");
        w.Line(Optimizer.Nesterov ? $"{At("w")} += momentum * velocity + step;" : $"{At("w")} += velocity;");
    }
}

/// <summary>Adam (Keras): m += (g − m)(1 − β1); v += (g² − v)(1 − β2); w −= α·m/(√v + ε), α = lr·√(1 − β2ᵗ)/(1 − β1ᵗ).</summary>
internal sealed class AdamEmitter : OptimizerEmitter
{
    public AdamEmitter(OptimizerSpec optimizer, int count) : base(optimizer, count) { }

    protected override string[] SlotNames => new[] { "m", "v" };

    public override string Describe() =>
        "Adam (Keras): m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); w -= alpha * m / (sqrt(v) + epsilon), alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)";

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("long t = Iterations + 1;");
        w.Line("double beta1 = OptimizerSettings.Beta1, beta2 = OptimizerSettings.Beta2;");
        w.Line("_alpha = (float)(OptimizerSettings.LearningRate * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)));");
        w.Line("_oneMinusBeta1 = (float)(1 - beta1);");
        w.Line("_oneMinusBeta2 = (float)(1 - beta2);");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
    }

    protected override void EmitLocals(IndentedSourceWriter w) =>
        w.Line("float alpha = _alpha, oneMinusBeta1 = _oneMinusBeta1, oneMinusBeta2 = _oneMinusBeta2, epsilon = _epsilon;");

    public override string[] Fields => new[] { "_alpha", "_oneMinusBeta1", "_oneMinusBeta2", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> a = {path.Type}.Create(alpha), b1 = {path.Type}.Create(oneMinusBeta1), b2 = {path.Type}.Create(oneMinusBeta2), eps = {path.Type}.Create(epsilon);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> gi = {Load(path, "g")}, mi = {Load(path, "m")}, vi = {Load(path, "v")};");
        w.Line("mi = Simd.MultiplyAdd(gi - mi, b1, mi);");
        w.Line("vi = Simd.MultiplyAdd(gi * gi - vi, b2, vi);");
        w.Line("mi.StoreUnsafe(ref m, (nuint)i);");
        w.Line("vi.StoreUnsafe(ref v, (nuint)i);");
        w.Line($"({Load(path, "w")} - a * mi / ({path.Type}.Sqrt(vi) + eps)).StoreUnsafe(ref w, (nuint)i);");
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float gi = {At("g")};");
        w.Line($"float mi = {At("m")} += (gi - {At("m")}) * oneMinusBeta1;");
        w.Line($"float vi = {At("v")} += (gi * gi - {At("v")}) * oneMinusBeta2;");
        w.Line($"{At("w")} -= alpha * mi / (MathF.Sqrt(vi) + epsilon);");
    }
}
