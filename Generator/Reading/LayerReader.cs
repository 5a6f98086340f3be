using System;
using System.Collections.Generic;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>
/// Reads one family of layer attributes into specs, and answers the family's questions in the later passes: the
/// output shape for given input shapes, and the weights the layer creates. Registering a layer kind means one reader
/// here (see <see cref="For"/>), one spec in <c>Model/</c> and one emitter in <c>Emitters/</c>.
/// </summary>
internal abstract class LayerReader
{
    /// <summary>The readers by attribute class name.</summary>
    private static readonly Dictionary<string, LayerReader> s_readers = new()
    {
        ["DenseAttribute"] = new DenseReader(),
        ["FlattenAttribute"] = new FlattenReader(),
        ["ReshapeAttribute"] = new ReshapeReader(),
        ["DropoutAttribute"] = new DropoutReader(),
        ["ActivationAttribute"] = new ActivationReader(),
        ["LeakyReLUAttribute"] = new LeakyReluReader(),
        ["BatchNormalizationAttribute"] = new BatchNormalizationReader(),
        ["ConcatenateAttribute"] = new MergeReader(MergeKind.Concatenate, "concatenate"),
        ["AddAttribute"] = new MergeReader(MergeKind.Add, "add"),
        ["SubtractAttribute"] = new MergeReader(MergeKind.Subtract, "subtract"),
        ["MultiplyAttribute"] = new MergeReader(MergeKind.Multiply, "multiply"),
        ["AverageAttribute"] = new MergeReader(MergeKind.Average, "average"),
        ["MaximumAttribute"] = new MergeReader(MergeKind.Maximum, "maximum"),
        ["MinimumAttribute"] = new MergeReader(MergeKind.Minimum, "minimum"),
        ["Conv1DAttribute"] = new ConvolutionReader(rank: 1),
        ["Conv2DAttribute"] = new ConvolutionReader(rank: 2),
        ["MaxPooling1DAttribute"] = new PoolingReader(PoolKind.Max, 1, global: false, "max_pooling1d"),
        ["MaxPooling2DAttribute"] = new PoolingReader(PoolKind.Max, 2, global: false, "max_pooling2d"),
        ["AveragePooling1DAttribute"] = new PoolingReader(PoolKind.Average, 1, global: false, "average_pooling1d"),
        ["AveragePooling2DAttribute"] = new PoolingReader(PoolKind.Average, 2, global: false, "average_pooling2d"),
        ["GlobalMaxPooling1DAttribute"] = new PoolingReader(PoolKind.Max, 1, global: true, "global_max_pooling1d"),
        ["GlobalMaxPooling2DAttribute"] = new PoolingReader(PoolKind.Max, 2, global: true, "global_max_pooling2d"),
        ["GlobalAveragePooling1DAttribute"] = new PoolingReader(PoolKind.Average, 1, global: true, "global_average_pooling1d"),
        ["GlobalAveragePooling2DAttribute"] = new PoolingReader(PoolKind.Average, 2, global: true, "global_average_pooling2d"),
        ["ZeroPadding1DAttribute"] = new ZeroPaddingReader(1),
        ["ZeroPadding2DAttribute"] = new ZeroPaddingReader(2),
        ["SpatialDropout1DAttribute"] = new SpatialDropoutReader(1),
        ["SpatialDropout2DAttribute"] = new SpatialDropoutReader(2),
        ["EmbeddingAttribute"] = new EmbeddingReader(),
        ["LSTMAttribute"] = new RecurrentReader(RecurrentKind.Lstm),
        ["GRUAttribute"] = new RecurrentReader(RecurrentKind.Gru),
        ["SimpleRNNAttribute"] = new RecurrentReader(RecurrentKind.SimpleRnn),
    };

    /// <summary>The reader of the attribute class <paramref name="attributeName"/>, or null when it is not a layer.</summary>
    public static LayerReader? For(string attributeName) => s_readers.TryGetValue(attributeName, out LayerReader? reader) ? reader : null;

    /// <summary>Keras's auto-name prefix: <c>dense</c> gives <c>dense</c>, <c>dense_1</c>, …</summary>
    public abstract string NamePrefix { get; }

    /// <summary>
    /// The names of the nodes the layer reads, when its attribute lists them (merges), or null: the layer then reads
    /// <c>From</c>, or the layer above.
    /// </summary>
    public virtual string[]? InputNames(LayerAttributeData attribute) => null;

    /// <summary>
    /// Reads the attribute's arguments into a spec. The graph fields (index, name, inputs, shapes, parameter count)
    /// are left for the later passes. Returns null after reporting what is wrong.
    /// </summary>
    public abstract LayerSpec? Read(LayerAttributeData attribute);

    /// <summary>The output shape for <paramref name="inputs"/>, or null after reporting why the layer cannot take them.</summary>
    public abstract TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute);

    /// <summary>
    /// The spec with what the layer works out from its shapes once they are known (a convolution's geometry); by
    /// default the spec unchanged. The shape pass has already set <c>InputShapes</c> and <c>OutputShape</c>.
    /// </summary>
    public virtual LayerSpec WithShapes(LayerSpec layer, EquatableArray<TensorShape> inputs, TensorShape output) => layer;

    /// <summary>
    /// The weights the layer creates once its shapes are known, in Keras's order. Offsets are left at 0 for the
    /// layout pass (non-trainable ones included).
    /// </summary>
    public virtual IEnumerable<WeightSpec> Weights(LayerSpec layer) => Array.Empty<WeightSpec>();
}
