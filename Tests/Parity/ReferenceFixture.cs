using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Tests.Parity;

/// <summary>A tensor of a fixture: its shape and its values, flat in row-major order.</summary>
internal sealed record FixtureTensor(int[] Shape, double[] Data, bool IsInteger)
{
    public int Length => Data.Length;

    public float[] ToFloats()
    {
        var values = new float[Data.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)Data[i];
        return values;
    }

    public string ShapeText => "[" + string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

/// <summary>A named tensor (weights, gradients, masks), in the fixture's order.</summary>
internal sealed record NamedTensor(string Name, FixtureTensor Tensor);

/// <summary>An optimizer slot variable after a step: <c>optimizer_state[weight][slot]</c>.</summary>
internal sealed record SlotTensor(string Weight, string Slot, FixtureTensor Tensor);

/// <summary>What one train step must produce: the loss before the update and every weight (and slot) after it.</summary>
internal sealed record StepExpectation(double? Loss, IReadOnlyList<NamedTensor> Weights, IReadOnlyList<SlotTensor> OptimizerState);

/// <summary>
/// One block of expectations: the fixture's <c>expected</c>, or its <c>expected.with_dropout_mask</c> (which adds
/// the fixed keep-masks the training results were computed with).
/// </summary>
internal sealed class Expectations
{
    public FixtureTensor? Output { get; set; }
    public double? Loss { get; set; }
    public List<KeyValuePair<string, double>> LossTerms { get; } = new();
    public List<KeyValuePair<string, double>> Metrics { get; } = new();
    public List<NamedTensor> Gradients { get; } = new();
    public List<StepExpectation> Steps { get; } = new();
    public FixtureTensor? InferenceOutput { get; set; }
    public FixtureTensor? InferenceOutputAfterSteps { get; set; }

    /// <summary>Keep-masks (0/1) by Dropout layer name; only in <c>with_dropout_mask</c>.</summary>
    public List<NamedTensor> Masks { get; } = new();

    /// <summary>Whether anything needs a training-mode forward pass.</summary>
    public bool NeedsTraining => Output is not null || Loss is not null || Metrics.Count > 0 || Gradients.Count > 0 || Steps.Count > 0;
}

/// <summary>
/// A Keras reference fixture (see <c>Tests/Reference/README.md</c>), read and translated into a NetGen network
/// declaration. <see cref="MissingFeatures"/> lists what the fixture needs that NetGen (or this harness) does not
/// have; a fixture with any is skipped with those reasons, and has no <see cref="Source"/>.
/// </summary>
internal sealed class ReferenceFixture
{
    public required string FileName { get; init; }
    public required string Path { get; init; }

    /// <summary>The case name (the file name without <c>.json</c>).</summary>
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The C# the fixture's author intended (informative only).</summary>
    public required string IntendedNetGen { get; init; }

    public required IReadOnlyList<string> MissingFeatures { get; init; }

    public string? SkipReason => MissingFeatures.Count == 0 ? null : string.Join("; ", MissingFeatures);

    /// <summary>The generated network class (namespace <see cref="FixtureLoader.Namespace"/>).</summary>
    public required string ClassName { get; init; }

    /// <summary>The test subclass of <see cref="ClassName"/> that controls Dropout masks and exposes optimizer slots.</summary>
    public required string ProbeClassName { get; init; }

    /// <summary>The C# source handed to the generator; empty when the fixture is skipped.</summary>
    public required string Source { get; init; }

    /// <summary>The network declaration part of <see cref="Source"/> (without the test subclass).</summary>
    public string NetworkDeclaration
    {
        get
        {
            int probe = Source.IndexOf(FixtureLoader.ProbeMarker, StringComparison.Ordinal);
            return (probe < 0 ? Source : Source.Substring(0, probe)).TrimEnd();
        }
    }

    /// <summary>The model's inputs in declaration order, each with its batch of values.</summary>
    public required IReadOnlyList<FixtureInput> Inputs { get; init; }

    public string InputName => Inputs[0].Name;
    public int[] InputShape => Inputs[0].Shape;
    public FixtureTensor X => Inputs[0].X;
    public required FixtureTensor Y { get; init; }

    /// <summary>The number of samples of the fixture's batch.</summary>
    public required int Batch { get; init; }

    public required IReadOnlyList<NamedTensor> Weights { get; init; }
    public required Expectations Expected { get; init; }
    public required Expectations? WithDropoutMask { get; init; }

    public required double Rtol { get; init; }
    public required double Atol { get; init; }
    public required string? ToleranceReason { get; init; }

    /// <summary>Dropout layer name → the <c>layerIndex</c> NetGen passes to <c>DrawDropoutMask</c> (attribute position from 1, Input excluded).</summary>
    public required IReadOnlyDictionary<string, int> DropoutLayerIndices { get; init; }

    /// <summary>Whether a Dropout layer with a positive rate makes training-mode results random.</summary>
    public required bool HasActiveDropout { get; init; }

    /// <summary>Whether a BatchNormalization layer makes training-mode results (batch statistics) differ from inference.</summary>
    public required bool HasBatchNormalization { get; init; }

    /// <summary>Keras slot names in NetGen's optimizer slot order (slot i is <c>OptimizerSlot(i)</c>).</summary>
    public required IReadOnlyList<string> OptimizerSlotNames { get; init; }

    /// <summary>The Keras metric names compiled in (e.g. <c>accuracy</c>).</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    public override string ToString() => FileName;
}

/// <summary>A fixture file that is not valid JSON or does not have the documented layout.</summary>
internal sealed class FixtureFormatException : Exception
{
    public FixtureFormatException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>One model input of a fixture: its name, the shape of one sample, and the batch the fixture feeds it.</summary>
internal sealed record FixtureInput(string Name, int[] Shape, FixtureTensor X);
