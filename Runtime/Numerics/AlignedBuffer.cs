using System;

namespace NetGen;

/// <summary>
/// A zero-initialized float buffer whose first element is 32-byte aligned, so that every Vector256 load at a
/// multiple of 8 elements is aligned. The array is allocated on the pinned object heap, so it never moves.
/// </summary>
internal sealed class AlignedBuffer
{
    private const int AlignmentBytes = 32;
    private readonly float[] _array;
    private readonly int _offset;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _array = GC.AllocateArray<float>(length + AlignmentBytes / sizeof(float), pinned: true);
        unsafe
        {
            fixed (float* p = _array)
            {
                long misalignment = (long)p % AlignmentBytes;
                _offset = misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
            }
        }
        Length = length;
    }

    public int Length { get; }

    public Span<float> Span => _array.AsSpan(_offset, Length);
}
