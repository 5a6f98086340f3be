using System;

namespace NetGen;

/// <summary>
/// Encodes the two kinds of TensorFlow <c>Event</c> protocol buffers a scalar event file holds: the file-version header and
/// a scalar summary written the way TF2's <c>tf.summary.scalar</c> writes it (plugin <c>"scalars"</c> plus a rank-0
/// <c>DT_FLOAT</c> tensor).
/// </summary>
/// <remarks>
/// Field numbers, from <c>tensorflow/core/util/event.proto</c>, <c>tensorflow/core/framework/summary.proto</c>,
/// <c>tensor.proto</c>, <c>tensor_shape.proto</c> and <c>types.proto</c> (mirrored in TensorBoard's <c>tensorboard/compat/proto/</c>):
/// <code>
/// Event           { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; Summary summary = 5; … } }
/// Summary         { repeated Value value = 1; }
/// Summary.Value   { string tag = 1; SummaryMetadata metadata = 9; oneof value { float simple_value = 2; TensorProto tensor = 8; … } }
/// SummaryMetadata { PluginData plugin_data = 1; …; DataClass data_class = 4; }   PluginData { string plugin_name = 1; bytes content = 2; }
/// TensorProto     { DataType dtype = 1; TensorShapeProto tensor_shape = 2; repeated float float_val = 5 [packed = true]; … }
/// DataType        { DT_FLOAT = 1; … }      DataClass { DATA_CLASS_SCALAR = 1; … }
/// </code>
/// As proto3 serializers do, fields holding their default value (a step of 0) are left out. <c>simple_value</c> and
/// <c>tensor</c> share a <c>oneof</c>, so only the tensor is written. TF2's C++ writer stores the scalar's 4 bytes in
/// <c>tensor_content</c> (field 4); <c>float_val</c> is the equivalent typed field, and TensorBoard reads either.
/// </remarks>
internal static class EventEncoder
{
    /// <summary>The version string of the first record of every event file.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>The TensorBoard plugin that draws scalar time series.</summary>
    public const string ScalarsPlugin = "scalars";

    private const int EventWallTime = 1, EventStep = 2, EventFileVersion = 3, EventSummary = 5;
    private const int SummaryValue = 1;
    private const int ValueTag = 1, ValueTensor = 8, ValueMetadata = 9;
    private const int MetadataPluginData = 1, MetadataDataClass = 4;
    private const int PluginDataPluginName = 1;
    private const int TensorDtype = 1, TensorShape = 2, TensorFloatVal = 5;
    private const int DtFloat = 1;
    private const int DataClassScalar = 1;

    /// <summary><c>Event{wall_time, file_version: "brain.Event:2"}</c>, the first record of an event file.</summary>
    public static byte[] FileVersionEvent(double wallTime)
    {
        var writer = new ProtobufWriter();
        writer.WriteDouble(EventWallTime, wallTime);
        writer.WriteString(EventFileVersion, FileVersion);
        return writer.ToArray();
    }

    /// <summary>
    /// <c>Event{wall_time, step, summary{value{tag, metadata{plugin_data{plugin_name: "scalars"}, data_class: SCALAR},
    /// tensor{dtype: DT_FLOAT, tensor_shape{}, float_val: [value]}}}}</c>.
    /// </summary>
    public static byte[] ScalarEvent(double wallTime, long step, string tag, float value)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);

        var pluginData = new ProtobufWriter();
        pluginData.WriteString(PluginDataPluginName, ScalarsPlugin);
        var metadata = new ProtobufWriter();
        metadata.WriteMessage(MetadataPluginData, pluginData);
        metadata.WriteEnum(MetadataDataClass, DataClassScalar);

        var tensor = new ProtobufWriter();
        tensor.WriteEnum(TensorDtype, DtFloat);
        tensor.WriteMessage(TensorShape, new ProtobufWriter()); // rank 0: a present but empty TensorShapeProto
        tensor.WritePackedFloats(TensorFloatVal, [value]);

        var summaryValue = new ProtobufWriter();
        summaryValue.WriteString(ValueTag, tag);
        summaryValue.WriteMessage(ValueTensor, tensor);
        summaryValue.WriteMessage(ValueMetadata, metadata);
        var summary = new ProtobufWriter();
        summary.WriteMessage(SummaryValue, summaryValue);

        var writer = new ProtobufWriter();
        writer.WriteDouble(EventWallTime, wallTime);
        if (step != 0) writer.WriteInt64(EventStep, step);
        writer.WriteMessage(EventSummary, summary);
        return writer.ToArray();
    }
}
