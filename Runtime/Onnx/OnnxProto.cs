using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NetGen.Onnx;

/// <summary>
/// The few ONNX protobuf messages an export needs (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
/// ValueInfoProto), written with the hand-written <see cref="ProtobufWriter"/>. Field numbers are onnx.proto's.
/// </summary>
internal static class OnnxProto
{
    /// <summary>TensorProto.DataType values used here.</summary>
    public const int Float = 1, Int64 = 7;

    /// <summary>IR version 8 goes with opsets up to 18 (onnx/helper.py's VERSION_TABLE).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset the exporter emits.</summary>
    public const long Opset = 17;

    public static ProtobufWriter Model(ProtobufWriter graph)
    {
        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);                        // ir_version
        model.WriteString(2, "NetGen");                        // producer_name
        model.WriteMessage(7, graph);                          // graph
        var opset = new ProtobufWriter();
        opset.WriteString(1, "");                              // domain: the default (ai.onnx)
        opset.WriteInt64(2, Opset);                            // version
        model.WriteMessage(8, opset);                          // opset_import
        return model;
    }

    /// <summary>A float tensor of <paramref name="dims"/> holding <paramref name="values"/> (raw little-endian data).</summary>
    public static ProtobufWriter FloatTensor(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtobufWriter();
        foreach (long dim in dims) tensor.WriteInt64(1, dim);  // dims
        tensor.WriteInt64(2, Float);                           // data_type
        tensor.WriteString(8, name);                           // name
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        tensor.WriteBytes(9, MemoryMarshal.AsBytes(values));   // raw_data
        return tensor;
    }

    /// <summary>A 1-D int64 tensor (shapes, pads, axes).</summary>
    public static ProtobufWriter Int64Tensor(string name, ReadOnlySpan<long> values)
    {
        var tensor = new ProtobufWriter();
        tensor.WriteInt64(1, values.Length);
        tensor.WriteInt64(2, Int64);
        tensor.WriteString(8, name);
        tensor.WriteBytes(9, MemoryMarshal.AsBytes(values));
        return tensor;
    }

    /// <summary>A float tensor's ValueInfoProto: batch dimension <c>N</c> (symbolic), then <paramref name="shape"/>.</summary>
    public static ProtobufWriter BatchedFloatValue(string name, IReadOnlyList<int> shape)
    {
        var tensorShape = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.WriteString(2, "N");                             // dim_param
        tensorShape.WriteMessage(1, batch);                    // dim
        foreach (int size in shape)
        {
            var dim = new ProtobufWriter();
            dim.WriteInt64(1, size);                           // dim_value
            tensorShape.WriteMessage(1, dim);
        }
        var tensorType = new ProtobufWriter();
        tensorType.WriteEnum(1, Float);                        // elem_type
        tensorType.WriteMessage(2, tensorShape);               // shape
        var type = new ProtobufWriter();
        type.WriteMessage(1, tensorType);                      // tensor_type
        var value = new ProtobufWriter();
        value.WriteString(1, name);                            // name
        value.WriteMessage(2, type);                           // type
        return value;
    }

    public static ProtobufWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        attribute.WriteInt64(3, value);                        // i
        attribute.WriteEnum(20, 2);                            // type INT
        return attribute;
    }

    public static ProtobufWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        attribute.WriteFloat(2, value);                        // f
        attribute.WriteEnum(20, 1);                            // type FLOAT
        return attribute;
    }

    public static ProtobufWriter IntsAttribute(string name, ReadOnlySpan<long> values)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        foreach (long value in values) attribute.WriteInt64(8, value); // ints
        attribute.WriteEnum(20, 7);                            // type INTS
        return attribute;
    }

    public static ProtobufWriter StringAttribute(string name, string value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        attribute.WriteString(4, value);                       // s (bytes; UTF-8)
        attribute.WriteEnum(20, 3);                            // type STRING
        return attribute;
    }

    public static ProtobufWriter StringsAttribute(string name, ReadOnlySpan<string> values)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        foreach (string value in values) attribute.WriteString(9, value); // strings
        attribute.WriteEnum(20, 8);                            // type STRINGS
        return attribute;
    }

    public static ProtobufWriter Node(string opType, string name, ReadOnlySpan<string> inputs, ReadOnlySpan<string> outputs, ReadOnlySpan<ProtobufWriter> attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs) node.WriteString(1, input);
        foreach (string output in outputs) node.WriteString(2, output);
        node.WriteString(3, name);
        node.WriteString(4, opType);
        foreach (ProtobufWriter attribute in attributes) node.WriteMessage(5, attribute);
        return node;
    }
}
