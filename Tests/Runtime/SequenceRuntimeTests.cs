using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>Embedding's token-id validation, the recurrent layers' Keras initialization and parameter counts.</summary>
public sealed class SequenceRuntimeTests
{
    [Theory]
    [InlineData(7f, "has the id 7")]
    [InlineData(-1f, "has the id -1")]
    [InlineData(2.5f, "has the id 2.5")]
    [InlineData(float.NaN, "has the id NaN")]
    public void Embedding_RejectsIdsOutsideTheVocabulary(float id, string fragment)
    {
        var model = new SqEmbeddingLstm();
        float[] ids = Enumerable.Repeat(1f, 2 * 5).ToArray();
        ids[7] = id; // sample 1, token 2
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => model.Predict(ids, 2));
        Assert.Contains("Embedding 'embedding'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sample 1, token 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 7)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedding_AcceptsEveryIdOfTheVocabulary()
    {
        var model = new SqEmbeddingLstm();
        float[] ids = Enumerable.Range(0, 2 * 5).Select(i => (float)(i % 7)).ToArray();
        float[] output = model.Predict(ids, 2).ToArray();
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    /// <summary>Keras: kernel glorot uniform over (features, 4u), recurrent kernel orthogonal, bias [0, 1 (forget), 0, 0].</summary>
    [Fact]
    public void Lstm_InitializesAsKerasDoes()
    {
        var model = new SqEmbeddingLstm(seed: 3);
        WeightInfo kernel = model.Description.GetWeight("lstm/lstm_cell/kernel");
        WeightInfo recurrent = model.Description.GetWeight("lstm/lstm_cell/recurrent_kernel");
        WeightInfo bias = model.Description.GetWeight("lstm/lstm_cell/bias");
        Assert.Equal(new[] { 4, 12 }, kernel.Shape);
        Assert.Equal(new[] { 3, 12 }, recurrent.Shape);
        Assert.Equal(new[] { 12 }, bias.Shape);

        float[] b = model.Parameters.Slice(bias.Offset, 12).ToArray();
        Assert.Equal(Enumerable.Repeat(0f, 3).Concat(Enumerable.Repeat(1f, 3)).Concat(Enumerable.Repeat(0f, 6)), b);

        double limit = Math.Sqrt(6.0 / (4 + 12));
        float[] w = model.Parameters.Slice(kernel.Offset, kernel.Length).ToArray();
        Assert.All(w, value => Assert.InRange(Math.Abs(value), 0, limit));
        Assert.True(w.Max() > limit / 2 && w.Min() < -limit / 2, "the kernel does not spread over its glorot range");

        // Orthogonal (3, 12): rows < columns, so the rows are orthonormal.
        float[] u = model.Parameters.Slice(recurrent.Offset, recurrent.Length).ToArray();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double dot = 0;
                for (int k = 0; k < 12; k++) dot += u[i * 12 + k] * u[j * 12 + k];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 5);
            }
        }
    }

    [Fact]
    public void Lstm_WithoutUnitForgetBias_StartsItsBiasAtZero()
    {
        var model = new SqLstmNoForgetBias();
        WeightInfo bias = model.Description.GetWeight("lstm/lstm_cell/bias");
        Assert.All(model.Parameters.Slice(bias.Offset, bias.Length).ToArray(), value => Assert.Equal(0f, value));
    }

    /// <summary>A training step of the sequence layers allocates nothing once its buffers exist (as AllocationTests checks for Dense).</summary>
    [Fact]
    public void TrainingStepsAllocateNothing()
    {
        AssertStepsAllocateNothing(new SqEmbeddingLstm(seed: 1), ids: 7, classes: 3);
        AssertStepsAllocateNothing(new SqGru(seed: 1), ids: 0, classes: 2);
    }

    /// <summary>Runs 100-step rounds until one allocates nothing (JIT tiering may allocate early on); fails if none does.</summary>
    private static void AssertStepsAllocateNothing(Model model, int ids, int classes)
    {
        var random = new SeededRandom(2);
        const int batch = 16;
        float[] x = new float[batch * model.InputSize];
        float[] y = new float[batch * (model.Description.Loss == Loss.SparseCategoricalCrossentropy ? 1 : model.OutputSize)];
        for (int i = 0; i < x.Length; i++) x[i] = ids > 0 ? random.NextInt32(ids) : random.NextSingle();
        for (int i = 0; i < y.Length; i++) y[i] = random.NextInt32(classes);
        for (int round = 0; round < 10; round++) AllocatedBy100Steps(model, x, y, batch);
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 20 && fewest != 0; attempt++)
        {
            fewest = Math.Min(fewest, AllocatedBy100Steps(model, x, y, batch));
            if (fewest != 0) System.Threading.Thread.Sleep(50);
        }
        Assert.True(fewest == 0, $"{model.Description.Name}: every run of 100 training steps allocated; the fewest bytes were {fewest}");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long AllocatedBy100Steps(Model model, float[] x, float[] y, int batch)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++) model.TrainStep(x, y, batch);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Parameter counts as Keras's summary prints them: LSTM 4(d·u + u² + u), GRU 3(d·u + u² + 2u), SimpleRNN d·u + u² + u, Embedding V·D.</summary>
    [Fact]
    public void ParameterCounts_MatchKeras()
    {
        LayerInfo[] lstm = new SqEmbeddingLstm().Description.Layers.ToArray();
        Assert.Equal(7 * 4, lstm[0].ParameterCount);
        Assert.Equal(4 * (4 * 3 + 3 * 3 + 3), lstm[1].ParameterCount);
        Assert.Equal(4 * (3 * 4 + 4 * 4 + 4), lstm[2].ParameterCount);
        Assert.Equal("(None, 5, 3)", lstm[1].OutputShape);
        LayerInfo[] gru = new SqGru().Description.Layers.ToArray();
        Assert.Equal(3 * (3 * 4 + 4 * 4 + 2 * 4), gru[0].ParameterCount);
        LayerInfo[] rnn = new SqSimpleRnn().Description.Layers.ToArray();
        Assert.Equal(2 * 3 + 3 * 3 + 3, rnn[0].ParameterCount);
    }
}

/// <summary>An LSTM with Keras's unit_forget_bias=False.</summary>
[Network]
[Input(4, 3)]
[LSTM(5, UnitForgetBias = false)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SqLstmNoForgetBias;
