using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace HyperDrive.Fluent;

/// <summary>
/// An immutable, insertion-ordered map from names to values with value equality. Order is kept so that
/// written payloads list search-space parameters, inputs and tags in the order the user declared them.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class EquatableMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<EquatableMap<TValue>>
{
    private readonly ImmutableArray<KeyValuePair<string, TValue>> _entries;
    private readonly ImmutableDictionary<string, TValue> _lookup;

    /// <summary>An empty map.</summary>
    public static EquatableMap<TValue> Empty { get; } = new(ImmutableArray<KeyValuePair<string, TValue>>.Empty);

    private EquatableMap(ImmutableArray<KeyValuePair<string, TValue>> entries)
    {
        _entries = entries;
        _lookup = entries.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Creates a map from <paramref name="entries"/>, keeping their order.</summary>
    /// <param name="entries">The entries; keys must be distinct (ordinal comparison).</param>
    /// <returns>The new map.</returns>
    /// <exception cref="ArgumentException">Two entries have the same key.</exception>
    public static EquatableMap<TValue> Create(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries is EquatableMap<TValue> map)
        {
            return map;
        }

        var array = entries.ToImmutableArray();
        if (array.IsEmpty)
        {
            return Empty;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in array)
        {
            ArgumentNullException.ThrowIfNull(entry.Key, nameof(entries));
            if (!seen.Add(entry.Key))
            {
                throw new ArgumentException($"The key '{entry.Key}' appears more than once.", nameof(entries));
            }
        }

        return new EquatableMap<TValue>(array);
    }

    /// <summary>Returns a new map with <paramref name="key"/> set to <paramref name="value"/>
    /// (replacing an existing entry in place, or appending a new one).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new map.</returns>
    public EquatableMap<TValue> SetItem(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return new EquatableMap<TValue>(_entries.SetItem(i, new KeyValuePair<string, TValue>(key, value)));
            }
        }

        return new EquatableMap<TValue>(_entries.Add(new KeyValuePair<string, TValue>(key, value)));
    }

    /// <summary>Returns a new map without <paramref name="key"/>.</summary>
    /// <param name="key">The key to remove.</param>
    /// <returns>The new map (this map when the key is absent).</returns>
    public EquatableMap<TValue> Remove(string key)
    {
        var index = -1;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        return index < 0 ? this : new EquatableMap<TValue>(_entries.RemoveAt(index));
    }

    /// <inheritdoc />
    public TValue this[string key] => _lookup[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc />
    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(EquatableMap<TValue>? other)
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

        var comparer = EqualityComparer<TValue>.Default;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal)
                || !comparer.Equals(_entries[i].Value, other._entries[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EquatableMap<TValue>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry.Key, StringComparer.Ordinal);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
