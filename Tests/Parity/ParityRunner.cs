using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Parity;

/// <summary>
/// Runs one fixture: generates and compiles its network, loads the initial weights by their Keras names, and checks
/// every expectation — inference output, training output, loss, accuracy, gradients, and after each of the steps the
/// loss, every weight and every optimizer slot — then <c>Evaluate</c> against the same loss and accuracy.
/// </summary>
internal sealed class ParityRunner
{
    private readonly ReferenceFixture _fixture;
    private readonly ParityChecker _check;
    private readonly Type _probe;
    private readonly float[] _x;
    private readonly float[][] _inputs;
    private readonly float[] _labels;

    private ParityRunner(ReferenceFixture fixture, Type probe, ParityChecker check)
    {
        _fixture = fixture;
        _probe = probe;
        _check = check;
        _x = fixture.X.ToFloats();
        _inputs = fixture.Inputs.Select(input => input.X.ToFloats()).ToArray();
        _labels = fixture.Y.ToFloats();
    }

    /// <summary>Runs every check of <paramref name="fixture"/>.</summary>
    /// <exception cref="InvalidOperationException">The generated network does not compile (the message has the source and the diagnostics).</exception>
    public static ParityChecker Run(ReferenceFixture fixture)
    {
        if (fixture.SkipReason is not null)
            throw new InvalidOperationException($"{fixture.FileName} needs features NetGen lacks: {fixture.SkipReason}");
        Assembly assembly;
        try
        {
            assembly = GeneratorHarness.CompileAndLoad(fixture.Source);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"{fixture.FileName}: the network does not generate or compile.\n{exception.Message}\n\nSource:\n{fixture.Source}", exception);
        }
        string probeName = FixtureLoader.Namespace + "." + fixture.ProbeClassName;
        Type probe = assembly.GetType(probeName) ?? throw new InvalidOperationException($"{probeName} is missing from the compiled assembly.");
        var runner = new ParityRunner(fixture, probe, new ParityChecker(fixture.Rtol, fixture.Atol));
        runner.RunAll();
        return runner._check;
    }

    private void RunAll()
    {
        RunBlock("expected.", _fixture.Expected, masks: null);
        if (_fixture.WithDropoutMask is { } withMask)
            RunBlock("expected.with_dropout_mask.", withMask, withMask.Masks);
        if (!_fixture.HasActiveDropout && !_fixture.HasBatchNormalization && _fixture.Expected.Loss is not null)
            RunEvaluate();
        if (_fixture.HasBatchNormalization && _fixture.Expected.InferenceOutput is not null)
            RunEvaluateInInferenceMode(_fixture.Expected.InferenceOutput);
    }

    /// <summary>One block of expectations on a fresh network with the initial weights (and the fixed masks, if any).</summary>
    private void RunBlock(string prefix, Expectations expected, IReadOnlyList<NamedTensor>? masks)
    {
        Model model = NewModel();
        try
        {
            if (!LoadWeights(model, report: prefix == "expected.")) return;
            if (masks is not null)
            {
                var keep = (Dictionary<int, float[]>)_probe.GetProperty("KeepMasks")!.GetValue(model)!;
                foreach (NamedTensor mask in masks) keep[_fixture.DropoutLayerIndices[mask.Name]] = mask.Tensor.ToFloats();
            }
            if (!CheckLabels(model, prefix)) return;

            if (expected.InferenceOutput is not null)
                _check.Tensor(prefix + "inference_output", Forward(model, training: false), expected.InferenceOutput);

            int steps = expected.Steps.Count;
            int passes = Math.Max(steps, expected.NeedsTraining ? 1 : 0);
            var draws = (List<int[]>)_probe.GetProperty("MaskDraws")!.GetValue(model)!;
            for (int k = 0; k < passes; k++)
            {
                int drawsBefore = draws.Count;
                float[] output = Forward(model, training: true).ToArray();
                if (masks is not null) CheckMasksDrawn(prefix, k, masks, draws.Skip(drawsBefore).ToList());
                if (k == 0)
                {
                    if (expected.Output is not null) _check.Tensor(prefix + "output", output, expected.Output);
                    foreach (KeyValuePair<string, double> metric in expected.Metrics)
                        _check.Scalar($"{prefix}metrics.{metric.Key} (harness, from the training-mode output)", Accuracy(output, model.OutputSize), metric.Value);
                }

                double loss = model.ComputeLoss(_labels);
                if (k == 0 && expected.Loss is double initialLoss) _check.Scalar(prefix + "loss", loss, initialLoss);
                if (k < steps && expected.Steps[k].Loss is double stepLoss) _check.Scalar($"{prefix}steps[{k}].loss", loss, stepLoss);

                model.Backward(_labels);
                if (k == 0)
                {
                    foreach (NamedTensor gradient in expected.Gradients)
                    {
                        if (Find(model, gradient.Name, $"{prefix}gradients['{gradient.Name}']") is { } weight)
                            _check.Tensor($"{prefix}gradients['{gradient.Name}']", model.Gradients.Slice(weight.Offset, weight.Length), gradient.Tensor);
                    }
                }
                if (k >= steps) break;

                model.ApplyGradients();
                StepExpectation step = expected.Steps[k];
                foreach (NamedTensor weight in step.Weights)
                {
                    if (Find(model, weight.Name, $"{prefix}steps[{k}].weights['{weight.Name}']") is { } info)
                        _check.Tensor($"{prefix}steps[{k}].weights['{weight.Name}']", model.Parameters.Slice(info.Offset, info.Length), weight.Tensor);
                }
                if (step.Weights.Count > 0)
                {
                    foreach (WeightInfo info in model.Description.Weights.Where(w => !step.Weights.Any(s => s.Name == w.Name)))
                        _check.Fail($"{prefix}steps[{k}].weights: NetGen's '{info.Name}' has no expected value after the step");
                }
                CheckSlots(model, $"{prefix}steps[{k}].optimizer_state", step.OptimizerState);
            }

            if (expected.InferenceOutputAfterSteps is not null)
                _check.Tensor(prefix + "inference_output_after_steps", Forward(model, training: false), expected.InferenceOutputAfterSteps);
        }
        catch (Exception exception)
        {
            _check.Fail($"{prefix}: NetGen threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    /// <summary>The forward pass over the fixture's batch: the one-input overload for one input, the list overload for several.</summary>
    private ReadOnlySpan<float> Forward(Model model, bool training) =>
        _inputs.Length == 1 ? model.Forward(_x, _fixture.Batch, training) : model.Forward(_inputs, _fixture.Batch, training);

    /// <summary>The fixture's batch as a data set: one feature array, or one per input by name.</summary>
    private DataSet Data(Model model) => _inputs.Length == 1
        ? new DataSet(_x, _fixture.InputShape, _labels, model.Description.LabelWidth)
        : new DataSet(_fixture.Inputs.Select((input, i) => new DataSetInput(input.Name, _inputs[i], input.Shape)).ToList(), _labels, model.Description.LabelWidth);

    /// <summary><c>Evaluate</c> (inference mode, the runtime's own accuracy) must report the fixture's initial loss and accuracy.</summary>
    private void RunEvaluate()
    {
        Model model = NewModel();
        try
        {
            if (!LoadWeights(model, report: false) || !CheckLabels(model, "evaluate")) return;
            DataSet data = Data(model);
            EvaluationResult result = model.Evaluate(data, batchSize: _fixture.Batch);
            _check.Scalar("Evaluate().Loss vs expected.loss", result.Loss, _fixture.Expected.Loss!.Value);
            foreach (KeyValuePair<string, double> metric in _fixture.Expected.Metrics)
            {
                if (result.Metrics.TryGetValue(metric.Key, out double value))
                    _check.Scalar($"Evaluate().Metrics[\"{metric.Key}\"] vs expected.metrics.{metric.Key}", value, metric.Value);
                else
                    _check.Fail($"Evaluate().Metrics has no '{metric.Key}' (it has: {string.Join(", ", result.Metrics.Keys)})");
            }
        }
        catch (Exception exception)
        {
            _check.Fail($"Evaluate: NetGen threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    /// <summary>
    /// With BatchNormalization, <c>Evaluate</c> runs in inference mode (moving statistics), so its accuracy — and, for
    /// sparse categorical cross-entropy, its loss (−mean log p[y], p clipped to [1e-7, 1 − 1e-7]) — must be those of
    /// the fixture's <c>inference_output</c>, not of the training-mode <c>expected.loss</c>.
    /// </summary>
    private void RunEvaluateInInferenceMode(FixtureTensor inferenceOutput)
    {
        Model model = NewModel();
        try
        {
            if (!LoadWeights(model, report: false) || !CheckLabels(model, "evaluate")) return;
            DataSet data = Data(model);
            EvaluationResult result = model.Evaluate(data, batchSize: _fixture.Batch);
            float[] probabilities = inferenceOutput.ToFloats();
            if (model.Description.Loss == Loss.SparseCategoricalCrossentropy)
            {
                int units = model.OutputSize;
                double sum = 0;
                for (int b = 0; b < _fixture.Batch; b++)
                    sum -= Math.Log(Math.Clamp(probabilities[b * units + (int)_labels[b]], 1e-7, 1 - 1e-7));
                _check.Scalar("Evaluate().Loss vs the sparse CCE of expected.inference_output", result.Loss, sum / _fixture.Batch);
            }
            foreach (KeyValuePair<string, double> metric in _fixture.Expected.Metrics)
            {
                if (result.Metrics.TryGetValue(metric.Key, out double value))
                    _check.Scalar($"Evaluate().Metrics[\"{metric.Key}\"] vs the {metric.Key} of expected.inference_output", value, Accuracy(probabilities, model.OutputSize));
                else
                    _check.Fail($"Evaluate().Metrics has no '{metric.Key}' (it has: {string.Join(", ", result.Metrics.Keys)})");
            }
        }
        catch (Exception exception)
        {
            _check.Fail($"Evaluate: NetGen threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    private Model NewModel() => (Model)Activator.CreateInstance(_probe, 0)!;

    /// <summary>Sets every weight from the fixture; the two weight tables must match by name and shape (reported when <paramref name="report"/>).</summary>
    private bool LoadWeights(Model model, bool report)
    {
        if (!report)
        {
            var quiet = new ParityChecker(_fixture.Rtol, _fixture.Atol);
            return new ParityRunner(_fixture, _probe, quiet).LoadWeights(model, report: true);
        }
        bool ok = true;
        IReadOnlyList<WeightInfo> weights = model.Description.Weights;
        string netgenNames = string.Join(", ", weights.Select(w => $"{w.Name} [{string.Join(", ", w.Shape)}]"));
        foreach (NamedTensor weight in _fixture.Weights)
        {
            WeightInfo? info = weights.FirstOrDefault(w => w.Name == weight.Name);
            if (info is null)
            {
                ok = false;
                _check.Fail($"weights['{weight.Name}'] {weight.Tensor.ShapeText}: NetGen has no weight of that name (it has: {netgenNames})");
            }
            else if (!info.Shape.SequenceEqual(weight.Tensor.Shape))
            {
                ok = false;
                _check.Fail($"weights['{weight.Name}']: NetGen's shape is [{string.Join(", ", info.Shape)}], the fixture's {weight.Tensor.ShapeText}");
            }
            else
                model.SetWeights(weight.Name, weight.Tensor.ToFloats());
        }
        foreach (WeightInfo info in weights.Where(w => !_fixture.Weights.Any(f => f.Name == w.Name)))
        {
            ok = false;
            _check.Fail($"weights: NetGen's '{info.Name}' [{string.Join(", ", info.Shape)}] has no initial value in the fixture");
        }
        if (ok && report)
            _check.Pass($"weights: the {weights.Count} NetGen weights match the fixture's by name and shape ({netgenNames})");
        return ok;
    }

    private bool CheckLabels(Model model, string prefix)
    {
        int expected = _fixture.Batch * model.Description.LabelWidth;
        if (_labels.Length == expected) return true;
        _check.Fail($"{prefix}: NetGen's {model.Description.Loss} takes {model.Description.LabelWidth} label value(s) per sample ({expected} for the batch); the fixture's y has shape {_fixture.Y.ShapeText}");
        return false;
    }

    private WeightInfo? Find(Model model, string name, string check)
    {
        WeightInfo? info = model.Description.Weights.FirstOrDefault(w => w.Name == name);
        if (info is null) _check.Fail($"{check}: NetGen has no weight named '{name}' (it has: {string.Join(", ", model.Description.Weights.Select(w => w.Name))})");
        return info;
    }

    private void CheckSlots(Model model, string prefix, IReadOnlyList<SlotTensor> slots)
    {
        if (slots.Count == 0) return;
        IReadOnlyList<string> names = _fixture.OptimizerSlotNames;
        if (model.Description.OptimizerSlotCount != names.Count)
        {
            _check.Fail($"{prefix}: NetGen's {model.Description.Optimizer} has {model.Description.OptimizerSlotCount} slot buffer(s); the harness expects {names.Count} ({string.Join(", ", names)})");
            return;
        }
        if (!model.Description.OptimizerSlotNames.SequenceEqual(names))
        {
            _check.Fail($"{prefix}: NetGen names its {model.Description.Optimizer} slots {string.Join(", ", model.Description.OptimizerSlotNames)}; Keras's, in the harness's order: {string.Join(", ", names)}");
            return;
        }
        var buffers = new Dictionary<int, float[]>();
        foreach (SlotTensor slot in slots)
        {
            string name = $"{prefix}['{slot.Weight}'].{slot.Slot}";
            int index = names.ToList().IndexOf(slot.Slot);
            if (index < 0)
            {
                _check.Fail($"{name}: no NetGen slot for '{slot.Slot}'");
                continue;
            }
            if (Find(model, slot.Weight, name) is not { } info) continue;
            if (!buffers.TryGetValue(index, out float[]? buffer))
                buffers[index] = buffer = (float[])_probe.GetMethod("GetOptimizerSlot")!.Invoke(model, new object[] { index })!;
            _check.Tensor(name, buffer.AsSpan(info.Offset, info.Length), slot.Tensor);
        }
    }

    private void CheckMasksDrawn(string prefix, int pass, IReadOnlyList<NamedTensor> masks, List<int[]> draws)
    {
        foreach (NamedTensor mask in masks)
        {
            int index = _fixture.DropoutLayerIndices[mask.Name];
            if (!draws.Any(d => d[0] == index))
                _check.Fail($"{prefix}masks['{mask.Name}']: training pass {pass} never called DrawDropoutMask({index}, …), so the fixed keep-mask was not applied (calls: {string.Join(", ", draws.Select(d => $"({d[0]}, {d[1]} values)"))})");
            else if (pass == 0)
                _check.Pass($"{prefix}masks['{mask.Name}'] {mask.Tensor.ShapeText}: applied through DrawDropoutMask({index}, {draws.First(d => d[0] == index)[1]} values), scaled by 1/(1 - rate)");
        }
    }

    /// <summary>
    /// Keras's <c>'accuracy'</c>, resolved by shape: one output unit → binary (output &gt; 0.5); labels of lower rank than
    /// the output → sparse categorical (argmax == label); otherwise categorical (argmax == argmax of the label row).
    /// </summary>
    private double Accuracy(float[] output, int units)
    {
        int batch = _fixture.Batch, correct = 0;
        bool sparse = _fixture.Y.Shape.Length < 2;
        int labelWidth = _labels.Length / batch;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> row = output.AsSpan(b * units, units);
            ReadOnlySpan<float> label = _labels.AsSpan(b * labelWidth, labelWidth);
            bool hit = units == 1
                ? (row[0] > 0.5f ? 1f : 0f) == label[0]
                : sparse ? ArgMax(row) == (int)label[0] : ArgMax(row) == ArgMax(label);
            if (hit) correct++;
        }
        return (double)correct / batch;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
