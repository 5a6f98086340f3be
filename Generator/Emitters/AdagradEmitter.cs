using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>Adagrad (Keras): a += g²; w −= lr·g/√(a + ε), with the accumulators starting at initial_accumulator_value.</summary>
internal sealed class AdagradEmitter : OptimizerEmitter
{
    public AdagradEmitter(OptimizerSpec optimizer, int count, EquatableArray<WeightSpec> weights) : base(optimizer, count, weights) { }

    protected override string DescribeUpdate() =>
        $"Adagrad (Keras): acc += g^2 (acc starts at {Literals.Double(Optimizer.InitialAccumulatorValue)}); w -= lr * g / sqrt(acc + epsilon)";

    public override void EmitInitialState(IndentedSourceWriter w) =>
        w.Line($"OptimizerSlot(0).Fill({Literals.Float(Optimizer.InitialAccumulatorValue)}); // Keras's initial_accumulator_value");

    protected override void EmitSetup(IndentedSourceWriter w)
    {
        w.Line("_learningRate = (float)learningRate;");
        w.Line("_epsilon = (float)OptimizerSettings.Epsilon;");
    }

    protected override void EmitLocals(IndentedSourceWriter w) => w.Line("float learningRate = _learningRate, epsilon = _epsilon;");

    protected override string[] Fields => new[] { "_learningRate", "_epsilon" };

    protected override void EmitVectorSetup(IndentedSourceWriter w, VectorPath path) =>
        w.Line($"{path.Type}<float> lr = {path.Type}.Create(learningRate), eps = {path.Type}.Create(epsilon);");

    protected override void EmitVectorBody(IndentedSourceWriter w, VectorPath path)
    {
        w.Line($"{path.Type}<float> ai = Simd.MultiplyAdd(gi, gi, {Load(path, "acc")});");
        w.Line("ai" + Store("acc"));
        w.Line($"(wi - lr * gi / {path.Type}.Sqrt(ai + eps))" + Store("w"));
    }

    protected override void EmitScalarBody(IndentedSourceWriter w)
    {
        w.Line($"float ai = {At("acc")} += gi * gi;");
        w.Line($"{At("w")} = wi - learningRate * gi / MathF.Sqrt(ai + epsilon);");
    }
}
