using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// One callback's entries in a <see cref="BackupAndRestore"/> backup: metadata values and tensors under
/// <c>callback/&lt;kind&gt;/&lt;k&gt;/</c>. Reading a value that is missing or malformed is an <see cref="InvalidDataException"/>
/// naming the backup and the key.
/// </summary>
internal sealed class CallbackState
{
    private readonly string _prefix;
    private readonly string _path;
    private readonly Dictionary<string, string> _metadata;
    private readonly List<SafeTensor> _tensors;
    private readonly SafeTensorsFile? _file;

    private CallbackState(string prefix, string path, Dictionary<string, string> metadata, List<SafeTensor> tensors, SafeTensorsFile? file)
    {
        _prefix = prefix;
        _path = path;
        _metadata = metadata;
        _tensors = tensors;
        _file = file;
    }

    /// <summary>A state to write into <paramref name="metadata"/> and <paramref name="tensors"/>.</summary>
    public static CallbackState ForWriting(string prefix, Dictionary<string, string> metadata, List<SafeTensor> tensors) =>
        new(prefix, "", metadata, tensors, null);

    /// <summary>A state to read from the backup <paramref name="file"/> at <paramref name="path"/>.</summary>
    public static CallbackState ForReading(string prefix, string path, SafeTensorsFile file) =>
        new(prefix, path, new Dictionary<string, string>(StringComparer.Ordinal), new List<SafeTensor>(), file);

    /// <summary>Whether the backup holds any state for this callback (a backup from a run without it holds none).</summary>
    public bool Exists
    {
        get
        {
            if (_file is null) return false;
            foreach (string key in _file.Metadata.Keys)
            {
                if (key.StartsWith(_prefix, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }

    public void Set(string field, double value) => _metadata[_prefix + field] = value.ToString("R", CultureInfo.InvariantCulture);

    public void Set(string field, int value) => _metadata[_prefix + field] = value.ToString(CultureInfo.InvariantCulture);

    public void Set(string field, long value) => _metadata[_prefix + field] = value.ToString(CultureInfo.InvariantCulture);

    public void Set(string field, string value) => _metadata[_prefix + field] = value;

    public void SetTensor(string field, float[] values) => _tensors.Add(new SafeTensor(_prefix + field, [values.Length], values));

    public double GetDouble(string field)
    {
        string text = Get(field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Invalid(field, text, "a number");
    }

    public int GetInt(string field)
    {
        string text = Get(field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Invalid(field, text, "a non-negative integer");
    }

    public long GetLong(string field)
    {
        string text = Get(field);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Invalid(field, text, "a non-negative integer");
    }

    public string GetString(string field) => Get(field);

    /// <summary>Whether the backup holds <paramref name="field"/> for this callback.</summary>
    public bool Has(string field) => _file is not null && _file.Metadata.ContainsKey(_prefix + field);

    /// <summary>The tensor <paramref name="field"/>, or null when the backup has none.</summary>
    public float[]? GetTensor(string field, int length)
    {
        SafeTensor? tensor = _file?.Find(_prefix + field);
        if (tensor is null) return null;
        if (tensor.Values.Length != length)
            throw new InvalidDataException($"{_path}: the backup's '{_prefix + field}' has {tensor.Values.Length} values; expected {length}.");
        return tensor.Values;
    }

    private string Get(string field) =>
        _file!.Metadata.TryGetValue(_prefix + field, out string? text)
            ? text
            : throw new InvalidDataException($"{_path}: the backup's metadata has no '{_prefix + field}'.");

    private InvalidDataException Invalid(string field, string text, string expected) =>
        new($"{_path}: the backup's '{_prefix + field}' is '{text}'; expected {expected}.");
}
