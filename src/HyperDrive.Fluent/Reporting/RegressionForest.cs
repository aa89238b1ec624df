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

    /// <summary>Grows <paramref name="treeCount"/> trees on rows <paramref name="x"/> (one column per feature) and targets <paramref name="y"/>.</summary>
    /// <param name="x">The features, one row per sample.</param>
    /// <param name="y">The targets.</param>
    /// <param name="lower">Each feature's lower bound (the box every tree starts from).</param>
    /// <param name="upper">Each feature's upper bound.</param>
    /// <param name="treeCount">How many trees.</param>
    /// <param name="maxDepth">The deepest a tree grows.</param>
    /// <param name="seed">The seed of the bootstrap samples.</param>
    public static RegressionForest Fit(double[][] x, double[] y, double[] lower, double[] upper, int treeCount, int maxDepth, int seed)
    {
        var random = new Random(seed);
        var trees = new List<RegressionTree>(treeCount);
        for (var t = 0; t < treeCount; t++)
        {
            var sample = new int[y.Length];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Next(y.Length);
            }

            trees.Add(RegressionTree.Fit(x, y, sample, lower, upper, maxDepth));
        }

        return new RegressionForest(trees);
    }
}

/// <summary>One regression tree as its leaves: each a box (per feature, <c>[Low, High]</c>) and the mean target in it.</summary>
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

    /// <summary>Grows a tree on the rows <paramref name="sample"/> (indices into <paramref name="x"/>, repeats allowed).</summary>
    public static RegressionTree Fit(double[][] x, double[] y, int[] sample, double[] lower, double[] upper, int maxDepth)
    {
        var features = lower.Length;
        var leaves = new List<Leaf>();
        var splits = Enumerable.Range(0, features).Select(_ => new List<double>()).ToArray();
        var stack = new Stack<(int[] Rows, double[] Low, double[] High, int Depth)>();
        stack.Push((sample, (double[])lower.Clone(), (double[])upper.Clone(), 0));
        var order = new int[sample.Length];
        while (stack.Count > 0)
        {
            var (rows, low, high, depth) = stack.Pop();
            var mean = 0.0;
            foreach (var r in rows)
            {
                mean += y[r];
            }

            mean /= rows.Length;
            var best = depth < maxDepth && rows.Length >= 2 ? BestSplit(x, y, rows, features, order) : null;
            if (best is not { } split)
            {
                leaves.Add(new Leaf(low, high, mean));
                continue;
            }

            var left = rows.Where(r => x[r][split.Feature] <= split.Threshold).ToArray();
            var right = rows.Where(r => x[r][split.Feature] > split.Threshold).ToArray();
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

    private static (int Feature, double Threshold)? BestSplit(double[][] x, double[] y, int[] rows, int features, int[] order)
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
        for (var f = 0; f < features; f++)
        {
            rows.CopyTo(sorted);
            var feature = f;
            sorted.Sort((a, b) => x[a][feature].CompareTo(x[b][feature]));
            double leftSum = 0, leftSquares = 0;
            for (var i = 0; i < n - 1; i++)
            {
                var yi = y[sorted[i]];
                leftSum += yi;
                leftSquares += yi * yi;
                var here = x[sorted[i]][f];
                var next = x[sorted[i + 1]][f];
                if (next <= here)
                {
                    continue; // no threshold between equal values
                }

                var leftCount = i + 1;
                var rightCount = n - leftCount;
                var rightSum = total - leftSum;
                var error = leftSquares - (leftSum * leftSum / leftCount) + (totalSquares - leftSquares) - (rightSum * rightSum / rightCount);
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
