using System.Collections;
using System.Collections.Immutable;

namespace HyperDrive.Fluent;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content
/// (a definition read back from YAML equals the one that was written).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>An empty list.</summary>
    public static EquatableList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    private EquatableList(ImmutableArray<T> items) => _items = items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    /// <param name="items">The elements, in order.</param>
    /// <returns>The new list (the shared empty list when <paramref name="items"/> is empty).</returns>
    public static EquatableList<T> Create(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items is EquatableList<T> list)
        {
            return list;
        }

        var array = items.ToImmutableArray();
        return array.IsEmpty ? Empty : new EquatableList<T>(array);
    }

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>Returns a new list with <paramref name="item"/> appended.</summary>
    /// <param name="item">The element to append.</param>
    /// <returns>The new list.</returns>
    public EquatableList<T> Add(T item) => new(_items.Add(item));

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(EquatableList<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other.Count != Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
