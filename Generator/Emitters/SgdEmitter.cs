using System;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>SGD: w −= lr·g; with momentum m = μm − lr·g, w += m (Nesterov: w += μm − lr·g).</summary>
internal sealed class SgdEmitter : OptimizerEmitter
{
    public SgdEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    private bool HasMomentum => Optimizer.HasMomentum;

    protected override string DescribeUpdate() => !HasMomentum
        ? "SGD (Keras): w -= lr * g"
        : Optimizer.Nesterov
            ? "SGD with Nesterov momentum (Keras): m = momentum * m - lr * g; w += momentum * m - lr * g"
            : "SGD with momentum (Keras): m = momentum * m - lr * g; w += m";

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("_learningRate = (float)learningRate;");
        if (HasMomentum) w.Line("_momentum = (float)OptimizerSettings.Momentum;");
    }

    protected override void EmitLocals(IndentedSourceWriter w)
    {
        w.Line("float learningRate = _learningRate;");
        if (HasMomentum) w.Line("float momentum = _momentum;");
    }

    protected override string[] Fields => HasMomentum ? new[] { "_learningRate", "_momentum" } : new[] { "_learningRate" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> minusLr = {path.Type}.Create(-learningRate);");
        if (HasMomentum) w.Line($"{path.Type}<float> mu = {path.Type}.Create(momentum);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        if (!HasMomentum)
        {
            w.Line("Simd.MultiplyAdd(minusLr, gi, wi)" + Store("w"));
            return;
        }
        w.Line($"{path.Type}<float> step = minusLr * gi;");
        w.Line($"{path.Type}<float> velocity = Simd.FlushDenormals(Simd.MultiplyAdd(mu, {Load(path, "m")}, step)); // decays where g stays 0: flushed before it turns denormal");
        w.Line("velocity" + Store("m"));
        w.Line(Optimizer.Nesterov ? "(wi + Simd.MultiplyAdd(mu, velocity, step))" + Store("w") : "(wi + velocity)" + Store("w"));
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        if (!HasMomentum)
        {
            w.Line($"{At("w")} = wi - learningRate * gi;");
            return;
        }
        w.Line("float step = -learningRate * gi;");
        w.Line($"float velocity = Simd.FlushDenormal(momentum * {At("m")} + step);");
        w.Line($"{At("m")} = velocity;");
        w.Line(Optimizer.Nesterov ? $"{At("w")} = wi + (momentum * velocity + step);" : $"{At("w")} = wi + velocity;");
    }
}
