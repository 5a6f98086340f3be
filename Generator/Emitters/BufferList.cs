using System.Collections.Generic;

namespace NetGen.Generator.Emitters;

/// <summary>The activation and gradient buffers of a network: sized per sample, grown with the batch capacity.</summary>
internal sealed class BufferList
{
    private readonly List<(string Name, int PerSample, string Comment)> _buffers = new();

    public IReadOnlyList<(string Name, int PerSample, string Comment)> Items => _buffers;

    public void Add(string name, int perSample, string comment) => _buffers.Add((name, perSample, comment));

    public int FloatsPerSample
    {
        get
        {
            int total = 0;
            foreach (var buffer in _buffers) total += buffer.PerSample;
            return total;
        }
    }
}
