using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Nadam (Keras): uₜ = β1(1 − 0.5·0.96ᵗ), Πₜ = Πₜ₋₁·uₜ (kept as the scalar state <c>u_product</c>, float32 as Keras keeps
/// it); m and v as Adam; m̂ = uₜ₊₁·m/(1 − Πₜ·uₜ₊₁) + (1 − uₜ)·g/(1 − Πₜ); v̂ = v/(1 − β2ᵗ); w −= lr·m̂/(√v̂ + ε).
/// </summary>
internal sealed class NadamEmitter : OptimizerEmitter
{
    public NadamEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    protected override string DescribeUpdate() =>
        "Nadam (Keras): u_t = beta1 * (1 - 0.5 * 0.96^t), u_product *= u_t; m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); "
        + "mHat = u_{t+1} * m / (1 - u_product * u_{t+1}) + (1 - u_t) * g / (1 - u_product); vHat = v / (1 - beta2^t); w -= lr * mHat / (sqrt(vHat) + epsilon)";

    public override void EmitInitialState(IndentedSourceWriter w) =>
        w.Line("OptimizerScalars[0] = 1f; // Keras's u_product starts at 1");

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("long t = Iterations + 1;");
        w.Line("double beta1 = OptimizerSettings.Beta1, beta2 = OptimizerSettings.Beta2;");
        w.Line("double u = beta1 * (1 - 0.5 * Math.Pow(0.96, t)), uNext = beta1 * (1 - 0.5 * Math.Pow(0.96, t + 1));");
        w.Line("float uProduct = OptimizerScalars[0] *= (float)u; // once per step, before the parallel parts");
        w.Line("_momentumWeight = (float)(uNext / (1 - uProduct * uNext));");
        w.Line("_gradientWeight = (float)((1 - u) / (1 - uProduct));");
        w.Line("_oneMinusBeta1 = (float)(1 - beta1);");
        w.Line("_oneMinusBeta2 = (float)(1 - beta2);");
        w.Line("_velocityCorrection = (float)(1 - Math.Pow(beta2, t));");
        w.Line("_learningRate = (float)learningRate;");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
    }

    protected override void EmitLocals(IndentedSourceWriter w)
    {
        w.Line("float momentumWeight = _momentumWeight, gradientWeight = _gradientWeight, oneMinusBeta1 = _oneMinusBeta1, oneMinusBeta2 = _oneMinusBeta2;");
        w.Line("float velocityCorrection = _velocityCorrection, learningRate = _learningRate, epsilon = _epsilon;");
    }

    protected override string[] Fields => new[] { "_momentumWeight", "_gradientWeight", "_oneMinusBeta1", "_oneMinusBeta2", "_velocityCorrection", "_learningRate", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> mw = {t}.Create(momentumWeight), gw = {t}.Create(gradientWeight), b1 = {t}.Create(oneMinusBeta1), b2 = {t}.Create(oneMinusBeta2);");
        w.Line($"{t}<float> vc = {t}.Create(velocityCorrection), lr = {t}.Create(learningRate), eps = {t}.Create(epsilon);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> mi = {Load(path, "m")}, vi = {Load(path, "v")};");
        w.Line("mi = Simd.FlushDenormals(Simd.MultiplyAdd(gi - mi, b1, mi)); // decays where g stays 0: flushed before it turns denormal");
        w.Line("vi = Simd.FlushDenormals(Simd.MultiplyAdd(gi * gi - vi, b2, vi));");
        w.Line("mi" + Store("m"));
        w.Line("vi" + Store("v"));
        w.Line($"{t}<float> mHat = Simd.MultiplyAdd(mw, mi, gw * gi);");
        w.Line($"(wi - mHat * lr / ({t}.Sqrt(vi / vc) + eps))" + Store("w"));
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float mi = {At("m")} = Simd.FlushDenormal({At("m")} + (gi - {At("m")}) * oneMinusBeta1);");
        w.Line($"float vi = {At("v")} = Simd.FlushDenormal({At("v")} + (gi * gi - {At("v")}) * oneMinusBeta2);");
        w.Line("float mHat = momentumWeight * mi + gradientWeight * gi;");
        w.Line($"{At("w")} = wi - mHat * learningRate / (MathF.Sqrt(vi / velocityCorrection) + epsilon);");
    }
}
