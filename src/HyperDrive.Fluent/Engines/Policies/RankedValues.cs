namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// A multiset of values that answers "the k-th smallest" in O(log n), with O(log n) insertion and removal: a treap (a
/// binary search tree balanced by random priorities) whose nodes count their subtree, kept in arrays.
/// </summary>
/// <remarks>Truncation selection ranks, at each evaluated interval, every trial's value at that interval; with a sort
/// per decision a sweep of n trials cost O(n² log n), the shape median stopping had before <see cref="RunningMedian"/>.
/// The priorities come from a fixed-seed generator, so the shape (and the cost) is the same on every run; the answers
/// never depend on it.</remarks>
internal sealed class RankedValues
{
    private const int None = -1;

    private double[] _value = new double[16];
    private uint[] _priority = new uint[16];
    private int[] _left = new int[16];
    private int[] _right = new int[16];
    private int[] _size = new int[16];
    private int _root = None;
    private int _used;
    private int _free = None;
    private uint _seed = 2463534242;

    /// <summary>Gets how many values are held.</summary>
    public int Count => Size(_root);

    /// <summary>Adds a value.</summary>
    /// <param name="value">The value (finite).</param>
    public void Add(double value) => _root = Insert(_root, NewNode(value));

    /// <summary>Removes one copy of a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether a copy was there.</returns>
    public bool Remove(double value)
    {
        var before = Count;
        _root = Delete(_root, value);
        return Count < before;
    }

    /// <summary>Gets the value of the given rank, 0 being the smallest.</summary>
    /// <param name="index">The rank, 0 to <see cref="Count"/> − 1.</param>
    /// <returns>The value.</returns>
    public double Smallest(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var node = _root;
        while (true)
        {
            var leftSize = Size(_left[node]);
            if (index < leftSize)
            {
                node = _left[node];
            }
            else if (index == leftSize)
            {
                return _value[node];
            }
            else
            {
                index -= leftSize + 1;
                node = _right[node];
            }
        }
    }

    private int Size(int node) => node == None ? 0 : _size[node];

    private void Update(int node) => _size[node] = 1 + Size(_left[node]) + Size(_right[node]);

    private int NewNode(double value)
    {
        int node;
        if (_free != None)
        {
            node = _free;
            _free = _left[node];
        }
        else
        {
            if (_used == _value.Length)
            {
                var capacity = _used * 2;
                Array.Resize(ref _value, capacity);
                Array.Resize(ref _priority, capacity);
                Array.Resize(ref _left, capacity);
                Array.Resize(ref _right, capacity);
                Array.Resize(ref _size, capacity);
            }

            node = _used++;
        }

        // xorshift32: cheap, fixed-seed priorities.
        _seed ^= _seed << 13;
        _seed ^= _seed >> 17;
        _seed ^= _seed << 5;
        _value[node] = value;
        _priority[node] = _seed;
        _left[node] = None;
        _right[node] = None;
        _size[node] = 1;
        return node;
    }

    private int Insert(int root, int node)
    {
        if (root == None)
        {
            return node;
        }

        if (_priority[node] > _priority[root])
        {
            Split(root, _value[node], out _left[node], out _right[node]);
            Update(node);
            return node;
        }

        if (_value[node] < _value[root])
        {
            _left[root] = Insert(_left[root], node);
        }
        else
        {
            _right[root] = Insert(_right[root], node);
        }

        Update(root);
        return root;
    }

    /// <summary>Splits a tree into values below <paramref name="key"/> and values at or above it.</summary>
    private void Split(int root, double key, out int below, out int atOrAbove)
    {
        if (root == None)
        {
            below = None;
            atOrAbove = None;
            return;
        }

        if (_value[root] < key)
        {
            Split(_right[root], key, out var rightBelow, out atOrAbove);
            _right[root] = rightBelow;
            Update(root);
            below = root;
        }
        else
        {
            Split(_left[root], key, out below, out var leftAtOrAbove);
            _left[root] = leftAtOrAbove;
            Update(root);
            atOrAbove = root;
        }
    }

    private int Merge(int left, int right)
    {
        if (left == None)
        {
            return right;
        }

        if (right == None)
        {
            return left;
        }

        if (_priority[left] > _priority[right])
        {
            _right[left] = Merge(_right[left], right);
            Update(left);
            return left;
        }

        _left[right] = Merge(left, _left[right]);
        Update(right);
        return right;
    }

    private int Delete(int root, double value)
    {
        if (root == None)
        {
            return None;
        }

        if (value.Equals(_value[root]))
        {
            var merged = Merge(_left[root], _right[root]);
            _left[root] = _free;
            _free = root;
            return merged;
        }

        if (value < _value[root])
        {
            _left[root] = Delete(_left[root], value);
        }
        else
        {
            _right[root] = Delete(_right[root], value);
        }

        Update(root);
        return root;
    }
}
