using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Tests.Parity;

/// <summary>
/// Reads a fixture JSON and translates its model into NetGen attributes. Every field is either mapped, known to be
/// irrelevant (descriptions, the reference generator's seed), accepted because it has Keras's default value, or
/// recorded as a missing feature ("needs layer Conv2D", "needs clipnorm (= 0.25)", …), which makes the fixture a skip.
/// </summary>
/// <remarks>
/// Activations, losses, optimizers, metrics and initializers are matched by name against the runtime enums, and
/// hyperparameters against the public settable properties of the attributes (<c>beta_1</c> → <c>Beta1</c>,
/// <c>clipnorm</c> → <c>ClipNorm</c>), so a fixture starts running as soon as NetGen declares what it needs.
/// Layer types are mapped one by one (Dense, Conv1D, Conv2D, Dropout, Activation, LeakyReLU, Flatten, BatchNormalization, the pooling and zero-padding layers). Where the generator rejects a
/// combination that Keras accepts, the same rule is mirrored here as a missing feature (see <see cref="Need"/> calls).
/// </remarks>
internal sealed class FixtureLoader
{
    /// <summary>The namespace of the generated fixture networks.</summary>
    public const string Namespace = "NetGen.ParityFixtures";

    private readonly string _file;
    private readonly List<string> _missing = new();

    private FixtureLoader(string file) => _file = file;

    /// <exception cref="FixtureFormatException">The file is not a well-formed fixture.</exception>
    public static ReferenceFixture Load(string path)
    {
        string file = System.IO.Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new FixtureFormatException($"{file}: cannot read the fixture: {exception.Message}", exception);
        }
        using (document)
        {
            return new FixtureLoader(file).Read(document.RootElement, path);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The fixture

    private ReferenceFixture Read(JsonElement root, string path)
    {
        Expect(root, JsonValueKind.Object, "$");
        string name = System.IO.Path.GetFileNameWithoutExtension(_file);
        string description = "", netgen = "";
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name": Text(property.Value, "$.name"); break;
                case "description": description = Text(property.Value, "$.description"); break;
                case "netgen": netgen = Text(property.Value, "$.netgen"); break;
                case "generator": break; // how the reference was computed; informative
                case "model" or "weights" or "x" or "y" or "expected" or "tolerance": break;
                default: Need($"needs fixture field '{property.Name}'"); break;
            }
        }

        ModelTranslation model = TranslateModel(Required(root, "model", "$"));

        var weights = new List<NamedTensor>();
        JsonElement weightsElement = Required(root, "weights", "$");
        Expect(weightsElement, JsonValueKind.Object, "$.weights");
        foreach (JsonProperty weight in weightsElement.EnumerateObject())
            weights.Add(new NamedTensor(weight.Name, Tensor(weight.Value, $"$.weights['{weight.Name}']")));
        if (weights.Count == 0) throw Format("$.weights", "expected at least one weight");

        // Inputs: one tensor per model input, keyed by the input's name, with the batch dimension first.
        JsonElement xElement = Required(root, "x", "$");
        Expect(xElement, JsonValueKind.Object, "$.x");
        var xs = new Dictionary<string, FixtureTensor>(StringComparer.Ordinal);
        foreach (JsonProperty x in xElement.EnumerateObject())
            xs[x.Name] = Tensor(x.Value, $"$.x['{x.Name}']");
        foreach (string input in model.InputNames)
        {
            if (!xs.ContainsKey(input)) throw Format("$.x", $"no tensor for the model input '{input}'");
        }
        foreach (string key in xs.Keys)
        {
            if (!model.InputNames.Contains(key)) throw Format($"$.x['{key}']", $"'{key}' is not a model input ({string.Join(", ", model.InputNames)})");
        }
        FixtureTensor y = Tensor(Required(root, "y", "$"), "$.y");
        if (y.Shape.Length == 0) throw Format("$.y", "the labels need a batch dimension");
        int batch = y.Shape[0];
        var fixtureInputs = new List<FixtureInput>();
        for (int i = 0; i < model.InputNames.Count; i++)
        {
            FixtureTensor xTensor = xs[model.InputNames[i]];
            int[] inputShape = model.InputShapes[i];
            if (xTensor.Shape.Length != inputShape.Length + 1 || xTensor.Shape[0] != batch || !xTensor.Shape.Skip(1).SequenceEqual(inputShape))
                throw Format($"$.x['{model.InputNames[i]}']", $"shape {xTensor.ShapeText} does not match a batch of {batch} (from y) samples of the input shape [{string.Join(", ", inputShape)}]");
            fixtureInputs.Add(new FixtureInput(model.InputNames[i], inputShape, xTensor));
        }

        // Expectations.
        JsonElement expectedElement = Required(root, "expected", "$");
        Expect(expectedElement, JsonValueKind.Object, "$.expected");
        Expectations expected = ReadExpectations(expectedElement, "expected", maskBlock: false);
        Expectations? withMask = expectedElement.TryGetProperty("with_dropout_mask", out JsonElement maskElement)
            ? ReadExpectations(maskElement, "expected.with_dropout_mask", maskBlock: true)
            : null;
        if (!expected.NeedsTraining && expected.InferenceOutput is null && withMask is null)
            throw Format("$.expected", "nothing to check");
        CheckDropoutExpectations(model, expected, withMask);
        CheckMetricExpectations(model, expected, "expected");
        if (withMask is not null) CheckMetricExpectations(model, withMask, "expected.with_dropout_mask");
        IReadOnlyList<string> slotNames = SlotNames(model, expected, withMask);

        // Tolerance.
        JsonElement tolerance = Required(root, "tolerance", "$");
        Expect(tolerance, JsonValueKind.Object, "$.tolerance");
        double rtol = Number(Required(tolerance, "rtol", "$.tolerance"), "$.tolerance.rtol");
        double atol = Number(Required(tolerance, "atol", "$.tolerance"), "$.tolerance.atol");
        string? reason = null;
        foreach (JsonProperty property in tolerance.EnumerateObject())
        {
            switch (property.Name)
            {
                case "rtol" or "atol": break;
                case "reason": reason = Text(property.Value, "$.tolerance.reason"); break;
                default: Need($"needs tolerance field '{property.Name}'"); break;
            }
        }
        if (!(rtol >= 0) || !(atol >= 0)) throw Format("$.tolerance", "rtol and atol must be non-negative");

        string className = "Fixture_" + Identifier(name);
        List<string> missing = _missing.Distinct(StringComparer.Ordinal).ToList();
        return new ReferenceFixture
        {
            FileName = _file,
            Path = path,
            Name = name,
            Description = description,
            IntendedNetGen = netgen,
            MissingFeatures = missing,
            ClassName = className,
            ProbeClassName = className + "_Probe",
            Source = missing.Count == 0 ? BuildSource(className, model) : "",
            Inputs = fixtureInputs,
            Y = y,
            Batch = batch,
            Weights = weights,
            Expected = expected,
            WithDropoutMask = withMask,
            Rtol = rtol,
            Atol = atol,
            ToleranceReason = reason,
            DropoutLayerIndices = model.DropoutIndices,
            HasActiveDropout = model.HasActiveDropout,
            HasBatchNormalization = model.HasBatchNormalization,
            OptimizerSlotNames = slotNames,
            Metrics = model.Metrics,
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The model → attributes

    private sealed class ModelTranslation
    {
        public List<string> InputNames { get; } = new();
        public List<int[]> InputShapes { get; } = new();
        public List<string> Attributes { get; } = new();
        public HashSet<string> TokenIdInputs { get; } = new(StringComparer.Ordinal);
        public string Compile { get; set; } = "";
        public Dictionary<string, int> DropoutIndices { get; } = new(StringComparer.Ordinal);
        public bool HasActiveDropout { get; set; }
        public bool HasBatchNormalization { get; set; }
        public List<string> Metrics { get; } = new();

        /// <summary>The NetGen optimizer member (e.g. <c>Sgd</c>), or null when unsupported.</summary>
        public string? Optimizer { get; set; }

        public string OptimizerType { get; set; } = "";
        public double Momentum { get; set; }
        public bool Amsgrad { get; set; }
        public bool Centered { get; set; }
    }

    private ModelTranslation TranslateModel(JsonElement model)
    {
        Expect(model, JsonValueKind.Object, "$.model");
        var result = new ModelTranslation();
        foreach (JsonProperty property in model.EnumerateObject())
        {
            switch (property.Name)
            {
                case "inputs" or "layers" or "loss" or "optimizer" or "metrics": break;
                case "outputs": break;
                default: Need($"needs model field '{property.Name}'"); break;
            }
        }

        // Inputs.
        JsonElement inputs = Required(model, "inputs", "$.model");
        Expect(inputs, JsonValueKind.Array, "$.model.inputs");
        int inputIndex = 0;
        foreach (JsonElement input in inputs.EnumerateArray())
        {
            string path = $"$.model.inputs[{inputIndex++}]";
            Expect(input, JsonValueKind.Object, path);
            string inputName = Text(Required(input, "name", path), path + ".name");
            int[] inputShape = Ints(Required(input, "shape", path), path + ".shape");
            if (inputShape.Length == 0 || inputShape.Any(d => d <= 0)) throw Format(path + ".shape", "expected positive dimensions");
            foreach (JsonProperty property in input.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name" or "shape": break;
                    case "dtype":
                        string dtype = Text(property.Value, path + ".dtype");
                        if (dtype is "int32" or "int64") result.TokenIdInputs.Add(inputName); // token ids, for an Embedding
                        else if (dtype != "float32") Need($"needs {dtype} inputs");
                        break;
                    default: Need($"needs input field '{property.Name}'"); break;
                }
            }
            result.InputNames.Add(inputName);
            result.InputShapes.Add(inputShape);
        }
        if (result.InputNames.Count == 0) throw Format("$.model.inputs", "expected at least one input");

        // A functional model (layers with "from", or "outputs") names its inputs, as Keras's Input(name=...) does.
        JsonElement layers = Required(model, "layers", "$.model");
        Expect(layers, JsonValueKind.Array, "$.model.layers");
        bool functional = result.InputNames.Count > 1 || model.TryGetProperty("outputs", out _)
            || layers.EnumerateArray().Any(layer => layer.ValueKind == JsonValueKind.Object && layer.TryGetProperty("from", out _));
        for (int i = 0; i < result.InputNames.Count; i++)
        {
            string dimensions = string.Join(", ", result.InputShapes[i]);
            string type = result.TokenIdInputs.Contains(result.InputNames[i]) ? ", Type = InputType.TokenIds" : "";
            result.Attributes.Add(functional ? $"[Input({SymbolDisplay.FormatLiteral(result.InputNames[i], quote: true)}, {dimensions}{type})]" : $"[Input({dimensions}{type})]");
        }

        // Layers, in order. Each node's shape is tracked to mirror the generator's own rules as skips.
        var shapes = new Dictionary<string, int[]?>(StringComparer.Ordinal);
        for (int i = 0; i < result.InputNames.Count; i++) shapes[result.InputNames[i]] = result.InputShapes[i];
        string previous = result.InputNames[0];
        int[]? shape;
        string lastActivation = "Linear";
        string lastLayer = "";
        int index = 0;
        foreach (JsonElement layer in layers.EnumerateArray())
        {
            string path = $"$.model.layers[{index}]";
            index++;
            int nodeIndex = result.InputNames.Count + index - 1; // NetGen's layer index: the inputs are nodes 0 … n-1
            Expect(layer, JsonValueKind.Object, path);
            string type = Text(Required(layer, "type", path), path + ".type");
            string layerName = Text(Required(layer, "name", path), path + ".name");
            lastLayer = layerName;
            // What the layer reads: "from", else the layer above (Sequential).
            string[] from = layer.TryGetProperty("from", out JsonElement fromElement)
                ? fromElement.EnumerateArray().Select((name, k) => Text(name, $"{path}.from[{k}]")).ToArray()
                : new[] { previous };
            foreach (string source in from)
            {
                if (!shapes.ContainsKey(source)) throw Format(path + ".from", $"'{source}' is not an input or an earlier layer");
            }
            previous = layerName;
            bool isMerge = MergeTypes.Contains(type);
            if (!isMerge && from.Length != 1) Need($"needs {type} with {from.Length} inputs");
            shape = shapes[from[0]];
            var named = new List<string>();
            string? attribute = null;
            switch (type)
            {
                case "Dense":
                {
                    int units = 0;
                    string activation = "Linear";
                    var defaults = new DenseAttribute(1);
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "units":
                                units = Int(property.Value, path + ".units");
                                if (units <= 0) throw Format(path + ".units", "expected a positive number of units");
                                break;
                            case "activation": activation = ActivationMember(property.Value) ?? activation; break;
                            case "kernel_regularizer" or "bias_regularizer" or "activity_regularizer":
                                Regularizer(property, path, named);
                                break;
                            default:
                                NamedArgument(typeof(DenseAttribute), defaults, property, type, named, "Units", "Activation", "Name");
                                break;
                        }
                    }
                    if (units == 0) throw Format(path, "a Dense layer needs 'units'");
                    if (shape is not null && shape.Length != 1)
                        Need($"needs Dense on a rank-{shape.Length} input ({layerName} gets [{string.Join(", ", shape)}]; Keras applies it to the last axis)");
                    shape = new[] { units };
                    lastActivation = activation;
                    attribute = $"Dense({units}, Activation.{activation}";
                    break;
                }
                case "Conv1D" or "Conv2D":
                {
                    int rank = type == "Conv1D" ? 1 : 2;
                    int filters = 0, strides = 1, dilation = 1;
                    int[] kernel = Array.Empty<int>();
                    bool same = false;
                    string activation = "Linear";
                    var defaults = new Conv2DAttribute(1, 1);
                    // Keras writes sizes as an int or one int per axis; NetGen's strides and dilation are one for all axes.
                    int[] Sizes(JsonProperty property) => property.Value.ValueKind == JsonValueKind.Number
                        ? Enumerable.Repeat(Int(property.Value, $"{path}.{property.Name}"), rank).ToArray()
                        : Ints(property.Value, $"{path}.{property.Name}");
                    int Uniform(JsonProperty property)
                    {
                        int[] sizes = Sizes(property);
                        if (sizes.Distinct().Count() != 1) Need($"needs {type} with {property.Name} differing per axis ({property.Value.GetRawText()})");
                        return sizes[0];
                    }
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "filters": filters = Int(property.Value, path + ".filters"); break;
                            case "kernel_size": kernel = Sizes(property); break;
                            case "strides": strides = Uniform(property); break;
                            case "dilation_rate": dilation = Uniform(property); break;
                            case "padding" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is "valid" or "same":
                                same = property.Value.GetString() == "same";
                                break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "channels_last": break;
                            case "activation": activation = ActivationMember(property.Value) ?? activation; break;
                            case "kernel_regularizer" or "bias_regularizer" or "activity_regularizer":
                                Regularizer(property, path, named);
                                break;
                            default:
                                NamedArgument(typeof(Conv2DAttribute), defaults, property, type, named, "Filters", "KernelHeight", "KernelWidth", "Activation", "Name", "Strides", "DilationRate", "Padding");
                                break;
                        }
                    }
                    if (filters <= 0 || kernel.Length != rank) throw Format(path, $"a {type} layer needs positive 'filters' and a {rank}-axis 'kernel_size'");
                    if (strides != 1) named.Add($"Strides = {strides}");
                    if (dilation != 1) named.Add($"DilationRate = {dilation}");
                    if (same) named.Add("Padding = Padding.Same");
                    if (shape is not null && shape.Length == rank + 1)
                    {
                        int Output(int size, int window) => same ? (size + strides - 1) / strides : (size - ((window - 1) * dilation + 1)) / strides + 1;
                        shape = rank == 1 ? new[] { Output(shape[0], kernel[0]), filters } : new[] { Output(shape[0], kernel[0]), Output(shape[1], kernel[1]), filters };
                    }
                    else shape = null;
                    lastActivation = activation;
                    string size = rank == 1 || kernel[0] == kernel[1] ? $"{kernel[0]}" : $"{kernel[0]}, {kernel[1]}";
                    attribute = $"{type}({filters}, {size}, Activation.{activation}";
                    break;
                }
                case "Dropout":
                {
                    double rate = double.NaN;
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "rate": rate = Number(property.Value, path + ".rate"); break;
                            case "seed": break; // the random stream is replaced by the fixture's masks
                            case "noise_shape" when property.Value.ValueKind == JsonValueKind.Null: break;
                            default: Need($"needs Dropout argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    if (!(rate >= 0 && rate < 1)) throw Format(path + ".rate", "expected a rate in [0, 1)");
                    result.DropoutIndices[layerName] = nodeIndex;
                    if (rate > 0) result.HasActiveDropout = true;
                    lastActivation = "Linear";
                    attribute = $"Dropout({Literal(rate)}";
                    break;
                }
                case "Activation":
                {
                    string activation = "Linear";
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "activation": activation = ActivationMember(property.Value) ?? activation; break;
                            default: Need($"needs Activation argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    lastActivation = activation;
                    attribute = $"Activation(Activation.{activation}";
                    break;
                }
                case "LeakyReLU":
                {
                    var defaults = new LeakyReLUAttribute();
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "alpha" or "negative_slope":
                                double alpha = Number(property.Value, $"{path}.{property.Name}");
                                if (alpha != defaults.Alpha) named.Add($"Alpha = {Literal(alpha)}");
                                break;
                            default: Need($"needs LeakyReLU argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    lastActivation = "Linear";
                    attribute = "LeakyReLU(";
                    break;
                }
                case "Flatten":
                {
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "channels_last": break;
                            default: Need($"needs Flatten argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    if (shape is not null) shape = new[] { shape.Aggregate(1, (a, b) => a * b) };
                    lastActivation = "Linear";
                    attribute = "Flatten(";
                    break;
                }
                case "BatchNormalization":
                {
                    var defaults = new BatchNormalizationAttribute();
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "axis" when IsNumber(property.Value, -1): break;
                            default:
                                NamedArgument(typeof(BatchNormalizationAttribute), defaults, property, type, named, "Name");
                                break;
                        }
                    }
                    // The generator's rule (Parser.ParseBatchNormalization), mirrored as a skip.
                    if (shape is not null && shape.Length > 3)
                        Need($"needs BatchNormalization on a rank-{shape.Length + 1} input ({layerName} gets [{string.Join(", ", shape)}])");
                    result.HasBatchNormalization = true;
                    lastActivation = "Linear";
                    attribute = "BatchNormalization(";
                    break;
                }
                case "Reshape":
                {
                    int[] target = Array.Empty<int>();
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "target_shape": target = Ints(property.Value, path + ".target_shape"); break;
                            default: Need($"needs Reshape argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    if (target.Length == 0) throw Format(path, "a Reshape layer needs 'target_shape'");
                    if (shape is not null && target.All(d => d > 0)) shape = target;
                    else shape = null;
                    lastActivation = "Linear";
                    attribute = $"Reshape({string.Join(", ", target)}";
                    break;
                }
                case "Embedding":
                {
                    int inputDim = 0, outputDim = 0;
                    var defaults = new EmbeddingAttribute(1, 1);
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "input_dim": inputDim = Int(property.Value, path + ".input_dim"); break;
                            case "output_dim": outputDim = Int(property.Value, path + ".output_dim"); break;
                            case "embeddings_initializer" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "uniform": break;
                            case "mask_zero" when property.Value.ValueKind == JsonValueKind.False: break;
                            default:
                                NamedArgument(typeof(EmbeddingAttribute), defaults, property, type, named, "Name");
                                break;
                        }
                    }
                    if (inputDim <= 0 || outputDim <= 0) throw Format(path, "an Embedding layer needs positive 'input_dim' and 'output_dim'");
                    if (shape is not null) shape = shape.Append(outputDim).ToArray();
                    lastActivation = "Linear";
                    attribute = $"Embedding({inputDim}, {outputDim}";
                    break;
                }
                case "LSTM" or "GRU" or "SimpleRNN":
                {
                    int units = 0;
                    bool returnSequences = false;
                    Type attributeType = type switch { "LSTM" => typeof(LSTMAttribute), "GRU" => typeof(GRUAttribute), _ => typeof(SimpleRNNAttribute) };
                    object defaults = type switch { "LSTM" => new LSTMAttribute(1), "GRU" => new GRUAttribute(1), _ => new SimpleRNNAttribute(1) };
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "units": units = Int(property.Value, path + ".units"); break;
                            case "reset_after" when type == "GRU" && property.Value.ValueKind == JsonValueKind.True: break;
                            case "return_state" or "stateful" or "unroll" when property.Value.ValueKind == JsonValueKind.False: break;
                            case "dropout" or "recurrent_dropout" when IsNumber(property.Value, 0): break;
                            default:
                                if (property.Name == "return_sequences" && property.Value.ValueKind == JsonValueKind.True) returnSequences = true;
                                NamedArgument(attributeType, defaults, property, type, named, "Name", "From");
                                break;
                        }
                    }
                    if (units <= 0) throw Format(path + ".units", "expected a positive number of units");
                    if (shape is not null && shape.Length != 2) Need($"needs {type} on a rank-{shape.Length + 1} input");
                    if (shape is not null) shape = returnSequences ? new[] { shape[0], units } : new[] { units };
                    lastActivation = "Linear";
                    attribute = $"{type}({units}";
                    break;
                }
                case var merge when isMerge:
                {
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "axis" when type == "Concatenate" && IsNumber(property.Value, -1): break;
                            default: Need($"needs {type} argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    int[]?[] inputShapes = from.Select(source => shapes[source]).ToArray();
                    shape = inputShapes.Any(s => s is null) ? null
                        : type == "Concatenate"
                            ? inputShapes[0]!.Take(inputShapes[0]!.Length - 1).Append(inputShapes.Sum(s => s![s.Length - 1])).ToArray()
                            : inputShapes[0];
                    lastActivation = "Linear";
                    // The names it merges are the attribute's positional arguments; "from" is not written again.
                    attribute = $"{merge}({string.Join(", ", from.Select(source => SymbolDisplay.FormatLiteral(source, quote: true)))}";
                    from = Array.Empty<string>();
                    break;
                }
                case "MaxPooling1D" or "MaxPooling2D" or "AveragePooling1D" or "AveragePooling2D":
                {
                    int rank = type.EndsWith("1D", StringComparison.Ordinal) ? 1 : 2;
                    int[] pool = Enumerable.Repeat(2, rank).ToArray();
                    int[]? strides = null;
                    bool same = false;
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "pool_size": pool = Sizes(property.Value, rank, $"{path}.pool_size"); break;
                            case "strides" when property.Value.ValueKind == JsonValueKind.Null: break;
                            case "strides": strides = Sizes(property.Value, rank, $"{path}.strides"); break;
                            case "padding" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is "valid" or "same":
                                same = property.Value.GetString() == "same";
                                break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "channels_last": break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.Null: break;
                            default: Need($"needs {type} argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    // NetGen's Strides is one step for every axis; unset is the pool size, as Keras's None.
                    if (strides is not null && strides.Distinct().Count() > 1) Need($"needs {type} strides ({string.Join(", ", strides)}) that differ per axis");
                    if (strides is not null && strides.SequenceEqual(pool)) strides = null;
                    if (strides is not null) named.Add($"Strides = {strides[0]}");
                    if (same) named.Add("Padding = Padding.Same");
                    if (shape is not null && shape.Length != rank + 1)
                        Need($"needs {type} on a rank-{shape.Length + 1} input ({layerName} gets [{string.Join(", ", shape)}])");
                    else if (shape is not null)
                    {
                        int[] step = strides ?? pool;
                        int[] output = (int[])shape.Clone();
                        for (int axis = 0; axis < rank; axis++)
                            output[axis] = same ? (shape[axis] + step[axis] - 1) / step[axis] : (shape[axis] - pool[axis]) / step[axis] + 1;
                        shape = output;
                    }
                    lastActivation = "Linear";
                    attribute = rank == 1 || pool[0] == pool[1] ? $"{type}({pool[0]}" : $"{type}({pool[0]}, {pool[1]}";
                    break;
                }
                case "GlobalMaxPooling1D" or "GlobalMaxPooling2D" or "GlobalAveragePooling1D" or "GlobalAveragePooling2D":
                {
                    int rank = type.EndsWith("1D", StringComparison.Ordinal) ? 1 : 2;
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "keepdims" when property.Value.ValueKind == JsonValueKind.False: break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "channels_last": break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.Null: break;
                            default: Need($"needs {type} argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    if (shape is not null && shape.Length != rank + 1)
                        Need($"needs {type} on a rank-{shape.Length + 1} input ({layerName} gets [{string.Join(", ", shape)}])");
                    else if (shape is not null) shape = new[] { shape[^1] };
                    lastActivation = "Linear";
                    attribute = $"{type}(";
                    break;
                }
                case "ZeroPadding1D" or "ZeroPadding2D":
                {
                    int rank = type == "ZeroPadding1D" ? 1 : 2;
                    int[] sides = Enumerable.Repeat(1, 2 * rank).ToArray(); // (before, after) per axis; Keras's default 1
                    foreach (JsonProperty property in layer.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "type" or "name" or "from": break;
                            case "padding": sides = PaddingSides(property.Value, rank, $"{path}.padding"); break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "channels_last": break;
                            case "data_format" when property.Value.ValueKind == JsonValueKind.Null: break;
                            default: Need($"needs {type} argument {property.Name} = {property.Value.GetRawText()}"); break;
                        }
                    }
                    if (shape is not null && shape.Length != rank + 1)
                        Need($"needs {type} on a rank-{shape.Length + 1} input ({layerName} gets [{string.Join(", ", shape)}])");
                    else if (shape is not null)
                    {
                        int[] output = (int[])shape.Clone();
                        for (int axis = 0; axis < rank; axis++) output[axis] += sides[2 * axis] + sides[2 * axis + 1];
                        shape = output;
                    }
                    lastActivation = "Linear";
                    attribute = $"{type}({string.Join(", ", sides)}";
                    break;
                }
                default:
                    Need($"needs layer {type}");
                    shape = null;
                    lastActivation = "Linear";
                    break;
            }
            shapes[layerName] = shape;
            if (attribute is null) continue;
            named.Add("Name = " + SymbolDisplay.FormatLiteral(layerName, quote: true));
            if (fromElement.ValueKind == JsonValueKind.Array && from.Length == 1) named.Add("From = " + SymbolDisplay.FormatLiteral(from[0], quote: true));
            bool hasPositional = !attribute.EndsWith('(');
            result.Attributes.Add("[" + attribute + (hasPositional ? ", " : "") + string.Join(", ", named) + ")]");
        }
        if (index == 0) throw Format("$.model.layers", "expected at least one layer");
        shape = shapes[lastLayer];
        if (model.TryGetProperty("outputs", out JsonElement outputs))
        {
            string[] outputNames = outputs.EnumerateArray().Select((name, k) => Text(name, $"$.model.outputs[{k}]")).ToArray();
            if (outputNames.Length != 1) Need($"needs several outputs ({string.Join(", ", outputNames)})");
            else if (outputNames[0] != lastLayer) Need($"needs an output ({outputNames[0]}) that is not the last layer ({lastLayer})");
        }

        // Loss.
        var compile = new List<string>();
        var compileDefaults = new CompileAttribute(default, default);
        JsonElement loss = Required(model, "loss", "$.model");
        Expect(loss, JsonValueKind.Object, "$.model.loss");
        string lossType = Text(Required(loss, "type", "$.model.loss"), "$.model.loss.type");
        string? lossMember = EnumMember<Loss>(lossType);
        bool fromLogits = false;
        if (lossMember is null)
            Need($"needs loss {lossType}");
        else
        {
            foreach (JsonProperty property in loss.EnumerateObject())
            {
                if (property.Name is "type" or "name") continue;
                if (property.Name == "from_logits") fromLogits = Bool(property.Value, "$.model.loss.from_logits");
                if (property.Name == "delta" && lossMember == nameof(Loss.Huber))
                {
                    // Keras's Huber(delta) is HuberDelta; written even at its default 1.0, as the fixtures' intended C# does.
                    compile.Add("HuberDelta = " + Literal(Number(property.Value, "$.model.loss.delta")));
                    continue;
                }
                if (!MapProperty(typeof(CompileAttribute), compileDefaults, property, compile, "Loss", "Optimizer", "Metrics")
                    && !IsKerasLossDefault(property.Name, property.Value))
                    Need($"needs loss option {property.Name} = {property.Value.GetRawText()}");
            }
            // The generator's rules (Parser.ParseLoss), mirrored as skips.
            bool crossEntropy = lossType != "MeanSquaredError" && lossType.Contains("Crossentropy", StringComparison.Ordinal);
            if (shape is not null && shape.Length != 1)
                Need($"needs a loss on a rank-{shape.Length} output [{string.Join(", ", shape)}]");
            else if (shape is not null && lossType is "SparseCategoricalCrossentropy" or "CategoricalCrossentropy" && shape[0] < 2)
                Need($"needs {lossType} on a single output unit");
            if (fromLogits && !crossEntropy) Need($"needs from_logits with {lossType}");
            if (fromLogits && lastActivation is "Softmax" or "Sigmoid") Need($"needs from_logits after a {lastActivation.ToLowerInvariant()} output");
        }

        // Optimizer.
        JsonElement optimizer = Required(model, "optimizer", "$.model");
        Expect(optimizer, JsonValueKind.Object, "$.model.optimizer");
        string optimizerType = Text(Required(optimizer, "type", "$.model.optimizer"), "$.model.optimizer.type");
        string? optimizerMember = EnumMember<Optimizer>(optimizerType);
        result.OptimizerType = optimizerType;
        result.Optimizer = optimizerMember;
        if (optimizerMember is null)
            Need($"needs optimizer {optimizerType}");
        else
        {
            double momentum = 0;
            bool nesterov = false;
            var clipping = new List<string>();
            foreach (JsonProperty property in optimizer.EnumerateObject())
            {
                if (property.Name is "type" or "name") continue;
                if (property.Name == "momentum") momentum = Number(property.Value, "$.model.optimizer.momentum");
                if (property.Name == "nesterov") nesterov = Bool(property.Value, "$.model.optimizer.nesterov");
                if (property.Name == "amsgrad") result.Amsgrad = Bool(property.Value, "$.model.optimizer.amsgrad");
                if (property.Name == "centered") result.Centered = Bool(property.Value, "$.model.optimizer.centered");
                if (property.Name is "clipnorm" or "clipvalue" or "global_clipnorm" && property.Value.ValueKind != JsonValueKind.Null) clipping.Add(property.Name);
                if (property.Value.ValueKind == JsonValueKind.Null) continue; // not set, as Keras's None
                if (!MapProperty(typeof(CompileAttribute), compileDefaults, property, compile, "Loss", "Optimizer", "Metrics", "FromLogits")
                    && !IsKerasOptimizerDefault(property.Name, property.Value))
                    Need($"needs {property.Name} (= {property.Value.GetRawText()})");
            }
            result.Momentum = momentum;
            // The generator's rules (Parser.ParseOptimizer), mirrored as skips.
            if (!(momentum >= 0 && momentum <= 1)) Need($"needs momentum = {Literal(momentum)} (outside [0, 1])");
            if (nesterov && momentum == 0) Need("needs Nesterov without momentum");
            if (optimizerMember is not (nameof(Optimizer.Sgd) or nameof(Optimizer.RmsProp)) && momentum != 0) Need($"needs momentum for {optimizerType}");
            if (optimizerMember != nameof(Optimizer.Sgd) && nesterov) Need($"needs nesterov for {optimizerType}");
            if (clipping.Count > 1) Need($"needs several clipping options at once ({string.Join(", ", clipping)})");
        }

        // Metrics.
        if (model.TryGetProperty("metrics", out JsonElement metrics))
        {
            Expect(metrics, JsonValueKind.Array, "$.model.metrics");
            var members = new List<string>();
            foreach (JsonElement metric in metrics.EnumerateArray())
            {
                string metricName = Text(metric, "$.model.metrics[]");
                string? member = metricName == "acc" ? EnumMember<Metric>("accuracy") : EnumMember<Metric>(metricName);
                if (member is null)
                {
                    Need($"needs metric {metricName}");
                    continue;
                }
                string canonical = metricName == "acc" ? "accuracy" : metricName;
                if (canonical != "accuracy") Need($"needs harness support for metric {metricName}");
                result.Metrics.Add(canonical);
                if (!members.Contains(member)) members.Add(member);
            }
            if (members.Count > 0) compile.Add("Metrics = [" + string.Join(", ", members.Select(m => "Metric." + m)) + "]");
        }

        result.Compile = $"[Compile(Loss.{lossMember}, Optimizer.{optimizerMember}" + string.Concat(compile.Select(c => ", " + c)) + ")]";
        return result;
    }

    /// <summary>The Keras merge layers NetGen declares with the names they merge, e.g. <c>[Add("a", "b")]</c>.</summary>
    private static readonly HashSet<string> MergeTypes = new(StringComparer.Ordinal) { "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum" };

    /// <summary>The activation's NetGen member, or null (with a missing feature) when NetGen lacks it.</summary>
    private string? ActivationMember(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return nameof(Activation.Linear);
        if (value.ValueKind != JsonValueKind.String)
        {
            Need($"needs activation {value.GetRawText()}");
            return null;
        }
        string name = value.GetString()!;
        string? member = EnumMember<Activation>(name, name == "silu" ? "swish" : name == "swish" ? "silu" : name);
        if (member is null) Need($"needs activation {name}");
        return member;
    }

    /// <summary><c>kernel_regularizer: {"type": "L1L2", "l1": .., "l2": ..}</c> → <c>KernelL1 = .., KernelL2 = ..</c> when DenseAttribute has them.</summary>
    private void Regularizer(JsonProperty property, string path, List<string> named)
    {
        string where = $"{path}.{property.Name}";
        if (property.Value.ValueKind == JsonValueKind.Null) return;
        Expect(property.Value, JsonValueKind.Object, where);
        string type = Text(Required(property.Value, "type", where), where + ".type");
        string prefix = char.ToUpperInvariant(property.Name[0]) + property.Name.Substring(1, property.Name.IndexOf('_') - 1); // Kernel, Bias, Activity
        var assignments = new List<string>();
        bool supported = type is "L1" or "L2" or "L1L2";
        foreach (JsonProperty factor in property.Value.EnumerateObject())
        {
            if (factor.Name == "type") continue;
            if (factor.Name is not ("l1" or "l2"))
            {
                supported = false;
                continue;
            }
            double value = Number(factor.Value, $"{where}.{factor.Name}");
            PropertyInfo? target = typeof(DenseAttribute).GetProperty(prefix + factor.Name.ToUpperInvariant(), BindingFlags.Public | BindingFlags.Instance);
            if (target is null || !target.CanWrite || target.PropertyType != typeof(double))
                supported = false;
            else if (value != 0)
                assignments.Add($"{target.Name} = {Literal(value)}");
        }
        if (supported) named.AddRange(assignments);
        else Need($"needs {property.Name}");
    }

    /// <summary>A layer argument that maps onto a settable attribute property; anything else is a missing feature.</summary>
    private void NamedArgument(Type attributeType, object defaults, JsonProperty property, string layerType, List<string> named, params string[] excluded)
    {
        if (MapProperty(attributeType, defaults, property, named, excluded)) return;
        Need($"needs {layerType} argument {property.Name} = {property.Value.GetRawText()}");
    }

    /// <summary>
    /// Maps <c>snake_case</c> onto the attribute's settable property of the same name (case and underscores
    /// ignored). Adds <c>Property = value</c> unless the value is the property's default. False when there is no
    /// such property or the value does not fit its type.
    /// </summary>
    private static bool MapProperty(Type attributeType, object defaults, JsonProperty property, List<string> assignments, params string[] excluded)
    {
        PropertyInfo? target = attributeType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.CanWrite && p.SetMethod!.IsPublic && !excluded.Contains(p.Name) && Normalize(p.Name) == Normalize(property.Name));
        if (target is null) return false;
        object? current = target.GetValue(defaults);
        JsonElement value = property.Value;
        Type type = target.PropertyType;
        string literal;
        object parsed;
        if (type == typeof(bool) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            bool b = value.GetBoolean();
            parsed = b;
            literal = b ? "true" : "false";
        }
        else if (type == typeof(double) && value.ValueKind == JsonValueKind.Number)
        {
            double d = value.GetDouble();
            parsed = d;
            literal = Literal(d);
        }
        else if (type == typeof(float) && value.ValueKind == JsonValueKind.Number)
        {
            float f = value.GetSingle();
            parsed = f;
            literal = f.ToString("R", CultureInfo.InvariantCulture) + "f";
        }
        else if (type == typeof(int) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i))
        {
            parsed = i;
            literal = i.ToString(CultureInfo.InvariantCulture);
        }
        else if (type.IsEnum && value.ValueKind == JsonValueKind.String && EnumMember(type, value.GetString()!) is { } member)
        {
            parsed = Enum.Parse(type, member);
            literal = type.Name + "." + member;
        }
        else
            return false;
        if (!Equals(parsed, current)) assignments.Add($"{target.Name} = {literal}");
        return true;
    }

    /// <summary>Loss options that have Keras's default value, which NetGen implements without a setting.</summary>
    private static bool IsKerasLossDefault(string key, JsonElement value) => key switch
    {
        "from_logits" => value.ValueKind == JsonValueKind.False,
        "label_smoothing" => IsNumber(value, 0),
        "axis" => IsNumber(value, -1),
        "reduction" => value.ValueKind == JsonValueKind.String && value.GetString() is "sum_over_batch_size" or "auto",
        "ignore_class" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    /// <summary>Optimizer options that have Keras's default value, which NetGen implements without a setting.</summary>
    private static bool IsKerasOptimizerDefault(string key, JsonElement value) => key switch
    {
        "amsgrad" or "centered" or "nesterov" or "use_ema" => value.ValueKind == JsonValueKind.False,
        "momentum" or "weight_decay" => IsNumber(value, 0),
        "ema_momentum" => IsNumber(value, 0.99),
        _ => false,
    };

    /// <summary>A Keras size argument: an int for every axis, or one per axis.</summary>
    private int[] Sizes(JsonElement value, int rank, string path)
    {
        int[] sizes = value.ValueKind == JsonValueKind.Number ? Enumerable.Repeat(Int(value, path), rank).ToArray() : Ints(value, path);
        if (sizes.Length != rank) throw Format(path, $"expected {rank} size(s)");
        return sizes;
    }

    /// <summary>Keras's ZeroPadding argument as (before, after) per axis: p, (p per axis) or ((before, after) per axis).</summary>
    private int[] PaddingSides(JsonElement value, int rank, string path)
    {
        if (value.ValueKind == JsonValueKind.Number) return Enumerable.Repeat(Int(value, path), 2 * rank).ToArray();
        Expect(value, JsonValueKind.Array, path);
        var sides = new List<int>();
        int axis = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array) sides.AddRange(Ints(item, $"{path}[{axis}]"));
            else if (rank == 1) sides.Add(Int(item, $"{path}[{axis}]")); // ZeroPadding1D's (left, right)
            else sides.AddRange(Enumerable.Repeat(Int(item, $"{path}[{axis}]"), 2));
            axis++;
        }
        if (sides.Count != 2 * rank) throw Format(path, $"expected {2 * rank} paddings");
        return sides.ToArray();
    }

    private static bool IsNumber(JsonElement value, double expected) => value.ValueKind == JsonValueKind.Number && value.GetDouble() == expected;

    // ---------------------------------------------------------------------------------------------------------------
    // Expectations

    private Expectations ReadExpectations(JsonElement element, string path, bool maskBlock)
    {
        Expect(element, JsonValueKind.Object, "$." + path);
        var result = new Expectations();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string where = $"$.{path}.{property.Name}";
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "output": result.Output = Tensor(value, where); break;
                case "loss": result.Loss = Number(value, where); break;
                case "loss_terms":
                    // The data loss and the penalties; NetGen reports their sum, which "loss" checks.
                    Expect(value, JsonValueKind.Object, where);
                    foreach (JsonProperty term in value.EnumerateObject())
                        result.LossTerms.Add(new(term.Name, Number(term.Value, $"{where}.{term.Name}")));
                    break;
                case "metrics":
                    Expect(value, JsonValueKind.Object, where);
                    foreach (JsonProperty metric in value.EnumerateObject())
                        result.Metrics.Add(new(metric.Name, Number(metric.Value, $"{where}.{metric.Name}")));
                    break;
                case "gradients":
                    Expect(value, JsonValueKind.Object, where);
                    foreach (JsonProperty gradient in value.EnumerateObject())
                        result.Gradients.Add(new NamedTensor(gradient.Name, Tensor(gradient.Value, $"{where}['{gradient.Name}']")));
                    break;
                case "steps":
                    Expect(value, JsonValueKind.Array, where);
                    int k = 0;
                    foreach (JsonElement step in value.EnumerateArray())
                        result.Steps.Add(ReadStep(step, $"{where}[{k++}]"));
                    break;
                case "inference_output": result.InferenceOutput = Tensor(value, where); break;
                case "inference_output_after_steps": result.InferenceOutputAfterSteps = Tensor(value, where); break;
                case "with_dropout_mask" when !maskBlock: break; // read by the caller
                case "masks" when maskBlock:
                    Expect(value, JsonValueKind.Object, where);
                    foreach (JsonProperty mask in value.EnumerateObject())
                        result.Masks.Add(new NamedTensor(mask.Name, Tensor(mask.Value, $"{where}['{mask.Name}']")));
                    break;
                default: Need($"needs expected field '{path}.{property.Name}'"); break;
            }
        }
        return result;
    }

    private StepExpectation ReadStep(JsonElement step, string path)
    {
        Expect(step, JsonValueKind.Object, path);
        double? loss = null;
        var weights = new List<NamedTensor>();
        var slots = new List<SlotTensor>();
        foreach (JsonProperty property in step.EnumerateObject())
        {
            string where = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "loss": loss = Number(property.Value, where); break;
                case "weights":
                    Expect(property.Value, JsonValueKind.Object, where);
                    foreach (JsonProperty weight in property.Value.EnumerateObject())
                        weights.Add(new NamedTensor(weight.Name, Tensor(weight.Value, $"{where}['{weight.Name}']")));
                    break;
                case "optimizer_state":
                    Expect(property.Value, JsonValueKind.Object, where);
                    foreach (JsonProperty weight in property.Value.EnumerateObject())
                    {
                        Expect(weight.Value, JsonValueKind.Object, $"{where}['{weight.Name}']");
                        foreach (JsonProperty slot in weight.Value.EnumerateObject())
                            slots.Add(new SlotTensor(weight.Name, slot.Name, Tensor(slot.Value, $"{where}['{weight.Name}'].{slot.Name}")));
                    }
                    break;
                default: Need($"needs step field '{property.Name}'"); break;
            }
        }
        return new StepExpectation(loss, weights, slots);
    }

    private void CheckDropoutExpectations(ModelTranslation model, Expectations expected, Expectations? withMask)
    {
        if (model.HasActiveDropout && expected.NeedsTraining)
            Need("needs the reference's random Dropout masks (training expectations outside with_dropout_mask)");
        if (withMask is null) return;
        if (model.DropoutIndices.Count == 0) throw Format("$.expected.with_dropout_mask", "the model has no Dropout layer");
        if (withMask.Masks.Count == 0) throw Format("$.expected.with_dropout_mask", "no masks");
        foreach (NamedTensor mask in withMask.Masks)
        {
            if (!model.DropoutIndices.ContainsKey(mask.Name))
                throw Format($"$.expected.with_dropout_mask.masks['{mask.Name}']", $"'{mask.Name}' is not a Dropout layer ({string.Join(", ", model.DropoutIndices.Keys)})");
            if (mask.Tensor.Data.Any(v => v is not (0 or 1)))
                throw Format($"$.expected.with_dropout_mask.masks['{mask.Name}']", "a keep-mask holds only 0 and 1");
        }
        foreach (string layer in model.DropoutIndices.Keys)
        {
            if (!withMask.Masks.Any(m => m.Name == layer))
                throw Format("$.expected.with_dropout_mask.masks", $"no mask for the Dropout layer '{layer}'");
        }
    }

    private void CheckMetricExpectations(ModelTranslation model, Expectations expected, string path)
    {
        foreach (KeyValuePair<string, double> metric in expected.Metrics)
        {
            if (metric.Key != "accuracy")
                Need($"needs metric {metric.Key} ({path}.metrics)");
            else if (!model.Metrics.Contains("accuracy"))
                throw Format($"$.{path}.metrics.accuracy", "the model does not compile the accuracy metric");
        }
    }

    /// <summary>The Keras slot names of the optimizer in NetGen's slot order; a missing feature if the harness does not know the layout.</summary>
    private IReadOnlyList<string> SlotNames(ModelTranslation model, Expectations expected, Expectations? withMask)
    {
        string[]? names = model.Optimizer switch
        {
            nameof(Optimizer.Sgd) => model.Momentum != 0 ? new[] { "momentum" } : Array.Empty<string>(),
            nameof(Optimizer.Adam) or nameof(Optimizer.AdamW) => model.Amsgrad ? new[] { "momentum", "velocity", "velocity_hat" } : new[] { "momentum", "velocity" },
            nameof(Optimizer.Adagrad) => new[] { "accumulator" },
            nameof(Optimizer.RmsProp) => new[] { "velocity" }.Concat(model.Momentum != 0 ? new[] { "momentum" } : Array.Empty<string>())
                .Concat(model.Centered ? new[] { "average_gradient" } : Array.Empty<string>()).ToArray(),
            nameof(Optimizer.Adadelta) => new[] { "accumulated_grad", "accumulated_delta_var" },
            nameof(Optimizer.Nadam) => new[] { "momentum", "velocity" },
            _ => null,
        };
        IEnumerable<SlotTensor> slots = expected.Steps.Concat(withMask?.Steps ?? new()).SelectMany(s => s.OptimizerState);
        if (model.Optimizer is null) return Array.Empty<string>(); // already "needs optimizer X"
        if (names is null)
        {
            if (slots.Any()) Need($"needs the harness to know {model.OptimizerType}'s slot layout (optimizer_state)");
            return Array.Empty<string>();
        }
        foreach (string slot in slots.Select(s => s.Slot).Distinct())
        {
            if (!names.Contains(slot)) Need($"needs the harness to map {model.OptimizerType}'s optimizer slot '{slot}'");
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Source

    /// <summary>Separates the network declaration from the test subclass in <see cref="ReferenceFixture.Source"/>.</summary>
    public const string ProbeMarker = "// ---- test subclass (not part of the network) ----";

    private static string BuildSource(string className, ModelTranslation model)
    {
        var s = new StringBuilder();
        s.AppendLine("// Generated by NetGen.Tests.Parity from a Keras reference fixture.");
        s.AppendLine("using NetGen;");
        s.AppendLine();
        s.AppendLine($"namespace {Namespace};");
        s.AppendLine();
        s.AppendLine("[Network]");
        foreach (string attribute in model.Attributes) s.AppendLine(attribute);
        s.AppendLine(model.Compile);
        s.AppendLine($"public partial class {className}");
        s.AppendLine("{");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine(ProbeMarker);
        s.AppendLine("/// <summary>Replaces the Dropout masks by fixed keep-masks and exposes the optimizer slots.</summary>");
        s.AppendLine($"public sealed class {className}_Probe : {className}");
        s.AppendLine("{");
        s.AppendLine($"    public {className}_Probe(int seed) : base(seed) {{ }}");
        s.AppendLine();
        s.AppendLine("    /// <summary>Keep-masks (1 = kept, 0 = dropped) by Dropout layer index; other layers draw from the seeded stream.</summary>");
        s.AppendLine("    public global::System.Collections.Generic.Dictionary<int, float[]> KeepMasks { get; } = new();");
        s.AppendLine();
        s.AppendLine("    /// <summary>Every DrawDropoutMask call: (layer index, mask length).</summary>");
        s.AppendLine("    public global::System.Collections.Generic.List<int[]> MaskDraws { get; } = new();");
        s.AppendLine();
        s.AppendLine("    public float[] GetOptimizerSlot(int slot) => OptimizerSlot(slot).ToArray();");
        s.AppendLine();
        s.AppendLine("    protected override void DrawDropoutMask(int layerIndex, global::System.Span<float> mask, float rate)");
        s.AppendLine("    {");
        s.AppendLine("        MaskDraws.Add(new[] { layerIndex, mask.Length });");
        s.AppendLine("        if (!KeepMasks.TryGetValue(layerIndex, out float[]? keep))");
        s.AppendLine("        {");
        s.AppendLine("            base.DrawDropoutMask(layerIndex, mask, rate);");
        s.AppendLine("            return;");
        s.AppendLine("        }");
        s.AppendLine("        if (keep.Length != mask.Length)");
        s.AppendLine("            throw new global::System.InvalidOperationException($\"Dropout layer {layerIndex}: NetGen draws a mask of {mask.Length} values; the fixture's keep-mask has {keep.Length}.\");");
        s.AppendLine("        float scale = 1f / (1f - rate);");
        s.AppendLine("        for (int i = 0; i < mask.Length; i++) mask[i] = keep[i] * scale;");
        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON helpers

    private void Need(string feature) => _missing.Add(feature);

    private FixtureFormatException Format(string path, string message) => new($"{_file}: {path}: {message}");

    private void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind) throw Format(path, $"expected {kind}, found {element.ValueKind}");
    }

    private JsonElement Required(JsonElement element, string name, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        return element.TryGetProperty(name, out JsonElement value) ? value : throw Format(path, $"missing '{name}'");
    }

    private string Text(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.String, path);
        return element.GetString()!;
    }

    private bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Format(path, $"expected a boolean, found {element.ValueKind}"),
    };

    private double Number(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Number, path);
        return element.GetDouble();
    }

    private int Int(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Number, path);
        return element.TryGetInt32(out int value) ? value : throw Format(path, $"expected an integer, found {element.GetRawText()}");
    }

    private int[] Ints(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Array, path);
        return element.EnumerateArray().Select((e, i) => Int(e, $"{path}[{i}]")).ToArray();
    }

    private FixtureTensor Tensor(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        int[] shape = Ints(Required(element, "shape", path), path + ".shape");
        JsonElement data = Required(element, "data", path);
        Expect(data, JsonValueKind.Array, path + ".data");
        var values = new double[data.GetArrayLength()];
        int i = 0;
        foreach (JsonElement value in data.EnumerateArray())
        {
            values[i] = Number(value, $"{path}.data[{i}]");
            i++;
        }
        bool integer = false;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "shape" or "data": break;
                case "dtype":
                    string dtype = Text(property.Value, path + ".dtype");
                    if (dtype is "int32" or "int64") integer = true;
                    else if (dtype != "float32") Need($"needs {dtype} tensors ({path})");
                    break;
                default: Need($"needs tensor field '{property.Name}' ({path})"); break;
            }
        }
        long expected = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw Format(path + ".shape", "negative dimension");
            expected *= d;
        }
        if (expected != values.Length) throw Format(path, $"shape [{string.Join(", ", shape)}] needs {expected} values; found {values.Length}");
        if (integer && values.Any(v => v != Math.Floor(v))) throw Format(path, "an int32 tensor holds a non-integer");
        return new FixtureTensor(shape, values, integer);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Names

    private static string Normalize(string name) => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string? EnumMember<TEnum>(params string[] kerasNames) where TEnum : struct, Enum => EnumMember(typeof(TEnum), kerasNames);

    private static string? EnumMember(Type enumType, params string[] kerasNames)
    {
        foreach (string kerasName in kerasNames)
        {
            foreach (string member in Enum.GetNames(enumType))
            {
                if (Normalize(member) == Normalize(kerasName)) return member;
            }
        }
        return null;
    }

    private static string Identifier(string name)
    {
        var s = new StringBuilder(name.Length);
        foreach (char c in name) s.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        return s.ToString();
    }

    private static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
