using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Adadelta (Keras): Eg = ρEg + (1 − ρ)g²; Δ = √(Ed + ε)/√(Eg + ε)·g; Ed = ρEd + (1 − ρ)Δ²; w −= lr·Δ
/// (Keras writes Δ with the opposite sign and adds it).
/// </summary>
internal sealed class AdadeltaEmitter : OptimizerEmitter
{
    public AdadeltaEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    protected override string DescribeUpdate() =>
        "Adadelta (Keras): eg = rho * eg + (1 - rho) * g^2; delta = sqrt(ed + epsilon) / sqrt(eg + epsilon) * g; ed = rho * ed + (1 - rho) * delta^2; w -= lr * delta";

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("_learningRate = (float)learningRate;");
        w.Line("_rho = (float)OptimizerSettings.Rho;");
        w.Line("_oneMinusRho = (float)(1 - OptimizerSettings.Rho);");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
    }

    protected override void EmitLocals(IndentedSourceWriter w) =>
        w.Line("float learningRate = _learningRate, rho = _rho, oneMinusRho = _oneMinusRho, epsilon = _epsilon;");

    protected override string[] Fields => new[] { "_learningRate", "_rho", "_oneMinusRho", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> lr = {t}.Create(learningRate), r = {t}.Create(rho), oneMinusR = {t}.Create(oneMinusRho), eps = {t}.Create(epsilon);");
    }

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        string t = path.Type;
        w.Line($"{t}<float> egi = Simd.FlushDenormals(Simd.MultiplyAdd(r, {Load(path, "eg")}, oneMinusR * (gi * gi))), edi = {Load(path, "ed")}; // both decay where g stays 0: flushed before they turn denormal");
        w.Line("egi" + Store("eg"));
        w.Line($"{t}<float> delta = {t}.Sqrt(edi + eps) * gi / {t}.Sqrt(egi + eps);");
        w.Line("Simd.FlushDenormals(Simd.MultiplyAdd(r, edi, oneMinusR * (delta * delta)))" + Store("ed"));
        w.Line("(wi - lr * delta)" + Store("w"));
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float egi = {At("eg")} = Simd.FlushDenormal(rho * {At("eg")} + oneMinusRho * (gi * gi)), edi = {At("ed")};");
        w.Line("float delta = MathF.Sqrt(edi + epsilon) * gi / MathF.Sqrt(egi + epsilon);");
        w.Line($"{At("ed")} = Simd.FlushDenormal(rho * edi + oneMinusRho * (delta * delta));");
        w.Line($"{At("w")} = wi - learningRate * delta;");
    }
}
