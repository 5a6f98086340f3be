using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Adam and AdamW (Keras): m += (g − m)(1 − β1); v += (g² − v)(1 − β2); w −= α·m/(√v + ε), α = lr·√(1 − β2ᵗ)/(1 − β1ᵗ);
/// AMSGrad divides by √v̂ with v̂ = max(v̂, v). AdamW's decoupled weight decay comes from the base.
/// </summary>
internal sealed class AdamEmitter : OptimizerEmitter
{
    public AdamEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    private string Name => Optimizer.Kind == OptimizerKind.AdamW ? "AdamW" : "Adam";

    protected override string DescribeUpdate() => Optimizer.Amsgrad
        ? $"{Name} with AMSGrad (Keras): m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); vHat = max(vHat, v); w -= alpha * m / (sqrt(vHat) + epsilon), alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)"
        : $"{Name} (Keras): m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); w -= alpha * m / (sqrt(v) + epsilon), alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)";

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("long t = Iterations + 1;");
        w.Line("double beta1 = OptimizerSettings.Beta1, beta2 = OptimizerSettings.Beta2;");
        w.Line("_alpha = (float)(learningRate * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)));");
        w.Line("_oneMinusBeta1 = (float)(1 - beta1);");
        w.Line("_oneMinusBeta2 = (float)(1 - beta2);");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
    }

    protected override void EmitLocals(IndentedSourceWriter w) =>
        w.Line("float alpha = _alpha, oneMinusBeta1 = _oneMinusBeta1, oneMinusBeta2 = _oneMinusBeta2, epsilon = _epsilon;");

    protected override string[] Fields => new[] { "_alpha", "_oneMinusBeta1", "_oneMinusBeta2", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path) =>
        w.Line($"{path.Type}<float> a = {path.Type}.Create(alpha), b1 = {path.Type}.Create(oneMinusBeta1), b2 = {path.Type}.Create(oneMinusBeta2), eps = {path.Type}.Create(epsilon);");

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> mi = {Load(path, "m")}, vi = {Load(path, "v")};");
        w.Line("mi = Simd.FlushDenormals(Simd.MultiplyAdd(gi - mi, b1, mi)); // decays where g stays 0: flushed before it turns denormal");
        w.Line("vi = Simd.FlushDenormals(Simd.MultiplyAdd(gi * gi - vi, b2, vi));");
        w.Line("mi" + Store("m"));
        w.Line("vi" + Store("v"));
        if (Optimizer.Amsgrad)
        {
            w.Line($"vi = {path.Type}.Max({Load(path, "vHat")}, vi);");
            w.Line("vi" + Store("vHat"));
        }
        w.Line($"(wi - a * mi / ({path.Type}.Sqrt(vi) + eps))" + Store("w"));
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float mi = {At("m")} = Simd.FlushDenormal({At("m")} + (gi - {At("m")}) * oneMinusBeta1);");
        w.Line($"float vi = {At("v")} = Simd.FlushDenormal({At("v")} + (gi * gi - {At("v")}) * oneMinusBeta2);");
        if (Optimizer.Amsgrad) w.Line($"vi = {At("vHat")} = MathF.Max({At("vHat")}, vi);");
        w.Line($"{At("w")} = wi - alpha * mi / (MathF.Sqrt(vi) + epsilon);");
    }
}
