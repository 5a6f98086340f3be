using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace NetGen.Generator.Helpers;

/// <summary>
/// An immutable array with value equality, for the generator's models: two arrays are equal when their elements
/// are, so a re-run that produces the same model is recognised as unchanged and its output stays cached.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>

{
    private readonly T[]? _items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToArrayOrNull();

    public static EquatableArray<T> Empty => default;

    public int Count => _items?.Length ?? 0;

    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    public bool Equals(EquatableArray<T> other)
    {
        T[] a = _items ?? Array.Empty<T>(), b = other._items ?? Array.Empty<T>();
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int hash = 17;
            foreach (T item in _items ?? Array.Empty<T>()) hash = hash * 31 + (item?.GetHashCode() ?? 0);
            return hash;
        }
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);

    internal static T[]? ToArrayOrNull<T>(this IEnumerable<T> items)
    {
        var list = new List<T>(items);
        return list.Count == 0 ? null : list.ToArray();
    }
}
