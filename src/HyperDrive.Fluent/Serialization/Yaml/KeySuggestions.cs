namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Finds the known name an unknown one was probably meant to be ("did you mean ...?").</summary>
internal static class KeySuggestions
{
    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="unknown"/>, or <see langword="null"/>
    /// when none is close.</summary>
    public static string? Closest(string unknown, IEnumerable<string> candidates)
    {
        var lower = unknown.ToLowerInvariant().TrimStart('-');
        var words = lower.Split('_', StringSplitOptions.RemoveEmptyEntries);
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate.StartsWith('$'))
            {
                continue;
            }

            var distance = Distance(lower, candidate);
            var candidateWords = candidate.Split('_');
            var sharesAllWords = words.Length > 0 && words.All(w => candidateWords.Contains(w, StringComparer.Ordinal));
            var close = distance <= Math.Max(2, lower.Length / 3) || sharesAllWords;
            if (close && distance < bestScore)
            {
                best = candidate;
                bestScore = distance;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance between two names (also the metric-name hint's measure in the local
    /// engine).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
