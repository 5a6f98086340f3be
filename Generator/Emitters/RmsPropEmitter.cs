using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// RMSprop (Keras): v = ρv + (1 − ρ)g²; centered: ḡ = ρḡ + (1 − ρ)g and D = v − ḡ² + ε, else D = v + ε;
/// inc = lr·g/√D; with momentum M = μM + inc, w −= M, else w −= inc.
/// </summary>
internal sealed class RmsPropEmitter : OptimizerEmitter
{
    public RmsPropEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    private bool Centered => Optimizer.Centered;

    private bool HasMomentum => Optimizer.HasMomentum;

    protected override string DescribeUpdate()
    {
        string variant = (Centered, HasMomentum) switch
        {
            (true, true) => " centered, with momentum",
            (true, false) => " centered",
            (false, true) => " with momentum",
            _ => "",
        };
        return $"RMSprop{variant} (Keras): v = rho * v + (1 - rho) * g^2; "
            + (Centered ? "gAvg = rho * gAvg + (1 - rho) * g; inc = lr * g / sqrt(v - gAvg^2 + epsilon); " : "inc = lr * g / sqrt(v + epsilon); ")
            + (HasMomentum ? "m = momentum * m + inc; w -= m" : "w -= inc");
    }

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("_learningRate = (float)learningRate;");
        w.Line("_rho = (float)OptimizerSettings.Rho;");
        w.Line("_oneMinusRho = (float)(1 - OptimizerSettings.Rho);");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
        if (HasMomentum) w.Line("_momentum = (float)OptimizerSettings.Momentum;");
    }

    protected override void EmitLocals(IndentedSourceWriter w) =>
        w.Line("float learningRate = _learningRate, rho = _rho, oneMinusRho = _oneMinusRho, epsilon = _epsilon" + (HasMomentum ? ", momentum = _momentum;" : ";"));

    protected override string[] Fields => HasMomentum
        ? new[] { "_learningRate", "_rho", "_oneMinusRho", "_epsilon", "_momentum" }
        : new[] { "_learningRate", "_rho", "_oneMinusRho", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> lr = {t}.Create(learningRate), r = {t}.Create(rho), oneMinusR = {t}.Create(oneMinusRho), eps = {t}.Create(epsilon);");
        if (HasMomentum) w.Line($"{t}<float> mu = {t}.Create(momentum);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> vi = Simd.FlushDenormals(Simd.MultiplyAdd(r, {Load(path, "v")}, oneMinusR * (gi * gi))); // decays where g stays 0: flushed before it turns denormal");
        w.Line("vi" + Store("v"));
        if (Centered)
        {
            w.Line($"{t}<float> ai = Simd.FlushDenormals(Simd.MultiplyAdd(r, {Load(path, "gAvg")}, oneMinusR * gi));");
            w.Line("ai" + Store("gAvg"));
            w.Line($"{t}<float> increment = lr * gi / {t}.Sqrt(vi - ai * ai + eps);");
        }
        else
        {
            w.Line($"{t}<float> increment = lr * gi / {t}.Sqrt(vi + eps);");
        }
        if (HasMomentum)
        {
            w.Line($"{t}<float> mi = Simd.FlushDenormals(Simd.MultiplyAdd(mu, {Load(path, "m")}, increment));");
            w.Line("mi" + Store("m"));
            w.Line("(wi - mi)" + Store("w"));
        }
        else
        {
            w.Line("(wi - increment)" + Store("w"));
        }
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float vi = {At("v")} = Simd.FlushDenormal(rho * {At("v")} + oneMinusRho * (gi * gi));");
        if (Centered)
        {
            w.Line($"float ai = {At("gAvg")} = Simd.FlushDenormal(rho * {At("gAvg")} + oneMinusRho * gi);");
            w.Line("float increment = learningRate * gi / MathF.Sqrt(vi - ai * ai + epsilon);");
        }
        else
        {
            w.Line("float increment = learningRate * gi / MathF.Sqrt(vi + epsilon);");
        }
        if (HasMomentum)
        {
            w.Line($"float mi = {At("m")} = Simd.FlushDenormal(momentum * {At("m")} + increment);");
            w.Line($"{At("w")} = wi - mi;");
        }
        else
        {
            w.Line($"{At("w")} = wi - increment;");
        }
    }
}
