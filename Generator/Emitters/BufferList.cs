using System.Collections.Generic;

namespace NetGen.Generator.Emitters;

/// <summary>The activation and gradient buffers of a network: sized per sample, grown with the batch capacity.</summary>
internal sealed class BufferList
{
    private readonly List<(string Name, int PerSample, string Comment, string ElementType)> _buffers = new();

    public IReadOnlyList<(string Name, int PerSample, string Comment, string ElementType)> Items => _buffers;

    public void Add(string name, int perSample, string comment) => _buffers.Add((name, perSample, comment, "float"));

    /// <summary>Adds a buffer of ints (max pooling's winning indices), which <see cref="FloatsPerSample"/> does not count.</summary>
    public void AddInts(string name, int perSample, string comment) => _buffers.Add((name, perSample, comment, "int"));

    public int FloatsPerSample
    {
        get
        {
            int total = 0;
            foreach (var buffer in _buffers)
            {
                if (buffer.ElementType == "float") total += buffer.PerSample;
            }
            return total;
        }
    }
}
