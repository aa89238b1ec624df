namespace HyperDrive.Fluent.Reporting;

/// <summary>
/// A small random forest of regression trees (bootstrap samples, variance-reducing splits at midpoints between
/// observed values, as scikit-learn's <c>RandomForestRegressor</c> grows them), kept as the axis-aligned boxes of each
/// tree's leaves: what a functional ANOVA needs (<see cref="ParameterImportance"/>).
/// </summary>
internal sealed class RegressionForest
{
    private RegressionForest(IReadOnlyList<RegressionTree> trees) => Trees = trees;

    /// <summary>Gets the trees.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Grows <paramref name="treeCount"/> trees on rows <paramref name="x"/> (one column per feature) and
    /// targets <paramref name="y"/>.</summary>
    /// <param name="x">The features, one row per sample.</param>
    /// <param name="y">The targets.</param>
    /// <param name="lower">Each feature's lower bound (the box every tree starts from).</param>
    /// <param name="upper">Each feature's upper bound.</param>
    /// <param name="treeCount">How many trees.</param>
    /// <param name="maxDepth">The deepest a tree grows.</param>
    /// <param name="seed">The seed of the bootstrap samples.</param>
    public static RegressionForest Fit(double[][] x, double[] y, double[] lower, double[] upper, int treeCount,
        int maxDepth, int seed)
    {
        // The bootstrap samples are drawn in order from one generator, so the forest does not depend on how the trees
        // are then grown (in parallel: a dashboard page of a thousand trials waits on this).
        var random = new Random(seed);
        var samples = new int[treeCount][];
        for (var t = 0; t < treeCount; t++)
        {
            var sample = samples[t] = new int[y.Length];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Next(y.Length);
            }
        }

        var columns = new double[lower.Length][];
        for (var f = 0; f < columns.Length; f++)
        {
            var column = columns[f] = new double[x.Length];
            for (var r = 0; r < x.Length; r++)
            {
                column[r] = x[r][f];
            }
        }

        var trees = new RegressionTree[treeCount];
        Parallel.For(0, treeCount, t => trees[t] = RegressionTree.Fit(columns, y, samples[t], lower, upper, maxDepth));
        return new RegressionForest(trees);
    }
}

/// <summary>One regression tree as its leaves: each a box (per feature, <c>[Low, High]</c>) and the mean target in
/// it.</summary>
internal sealed class RegressionTree
{
    private RegressionTree(List<Leaf> leaves, List<double>[] splits)
    {
        Leaves = leaves;
        Splits = splits;
    }

    /// <summary>Gets the leaves; together they partition the starting box.</summary>
    public IReadOnlyList<Leaf> Leaves { get; }

    /// <summary>Gets, per feature, the thresholds the tree splits it at.</summary>
    public IReadOnlyList<List<double>> Splits { get; }

    /// <summary>Grows a tree on the rows <paramref name="sample"/> (indices into the columns, repeats
    /// allowed).</summary>
    /// <param name="columns">The features, one array per feature (column-wise, so a split scans one array).</param>
    /// <param name="y">The targets.</param>
    /// <param name="sample">The rows to grow on.</param>
    /// <param name="lower">Each feature's lower bound.</param>
    /// <param name="upper">Each feature's upper bound.</param>
    /// <param name="maxDepth">The deepest the tree grows.</param>
    public static RegressionTree Fit(double[][] columns, double[] y, int[] sample, double[] lower, double[] upper,
        int maxDepth)
    {
        var features = lower.Length;
        var leaves = new List<Leaf>();
        var splits = Enumerable.Range(0, features).Select(_ => new List<double>()).ToArray();
        var stack = new Stack<(int[] Rows, double[] Low, double[] High, int Depth)>();
        stack.Push((sample, (double[])lower.Clone(), (double[])upper.Clone(), 0));
        var order = new int[sample.Length];
        var keys = new double[sample.Length];
        while (stack.Count > 0)
        {
            var (rows, low, high, depth) = stack.Pop();
            var mean = 0.0;
            foreach (var r in rows)
            {
                mean += y[r];
            }

            mean /= rows.Length;
            var best = depth < maxDepth && rows.Length >= 2 ? BestSplit(columns, y, rows, order, keys) : null;
            if (best is not { } split)
            {
                leaves.Add(new Leaf(low, high, mean));
                continue;
            }

            var column = columns[split.Feature];
            var left = Array.FindAll(rows, r => column[r] <= split.Threshold);
            var right = Array.FindAll(rows, r => column[r] > split.Threshold);
            splits[split.Feature].Add(split.Threshold);
            var leftHigh = (double[])high.Clone();
            leftHigh[split.Feature] = Math.Min(high[split.Feature], split.Threshold);
            var rightLow = (double[])low.Clone();
            rightLow[split.Feature] = Math.Max(low[split.Feature], split.Threshold);
            stack.Push((left, low, leftHigh, depth + 1));
            stack.Push((right, rightLow, high, depth + 1));
        }

        return new RegressionTree(leaves, splits);
    }

    private static (int Feature, double Threshold)? BestSplit(double[][] columns, double[] y, int[] rows, int[] order,
        double[] keys)
    {
        var n = rows.Length;
        double total = 0, totalSquares = 0;
        foreach (var r in rows)
        {
            total += y[r];
            totalSquares += y[r] * y[r];
        }

        var parentError = totalSquares - (total * total / n);
        if (parentError <= 1e-12 * Math.Max(1, totalSquares))
        {
            return null; // every target is the same
        }

        (int Feature, double Threshold)? best = null;
        var bestError = parentError;
        var sorted = order.AsSpan(0, n);
        var values = keys.AsSpan(0, n);
        for (var f = 0; f < columns.Length; f++)
        {
            var column = columns[f];
            rows.CopyTo(sorted);
            for (var i = 0; i < n; i++)
            {
                values[i] = column[sorted[i]];
            }

            values.Sort(sorted); // by value, the rows alongside (no comparison delegate)
            double leftSum = 0, leftSquares = 0;
            for (var i = 0; i < n - 1; i++)
            {
                var yi = y[sorted[i]];
                leftSum += yi;
                leftSquares += yi * yi;
                var here = values[i];
                var next = values[i + 1];
                if (next <= here)
                {
                    continue; // no threshold between equal values
                }

                var leftCount = i + 1;
                var rightCount = n - leftCount;
                var rightSum = total - leftSum;
                var error = leftSquares - (leftSum * leftSum / leftCount) + (totalSquares - leftSquares) - (
                    rightSum * rightSum / rightCount);
                if (error < bestError - 1e-12)
                {
                    bestError = error;
                    best = (f, (here + next) / 2);
                }
            }
        }

        return best;
    }

    /// <summary>A leaf: its box and its value.</summary>
    /// <param name="Low">The box's lower corner.</param>
    /// <param name="High">The box's upper corner.</param>
    /// <param name="Value">The mean target of the samples in it.</param>
    internal sealed record Leaf(double[] Low, double[] High, double Value);
}
