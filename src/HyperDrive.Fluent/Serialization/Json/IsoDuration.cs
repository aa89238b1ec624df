using System.Globalization;
using System.Text;
using System.Xml;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>ISO-8601 durations as the REST contract uses them (<c>PT5M</c>, <c>PT1H</c>, <c>PT1S</c>).</summary>
internal static class IsoDuration
{
    /// <summary>Formats whole seconds as <c>P{d}DT{h}H{m}M{s}S</c>, leaving out zero parts (<c>PT10M</c>,
    /// <c>PT1H30M</c>, <c>P2D</c>).</summary>
    public static string Format(long totalSeconds)
    {
        if (totalSeconds <= 0)
        {
            return "PT0S";
        }

        var days = totalSeconds / 86400;
        var hours = totalSeconds % 86400 / 3600;
        var minutes = totalSeconds % 3600 / 60;
        var seconds = totalSeconds % 60;
        var text = new StringBuilder("P");
        if (days > 0)
        {
            text.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours + minutes + seconds > 0)
        {
            text.Append('T');
            Append(text, hours, 'H');
            Append(text, minutes, 'M');
            Append(text, seconds, 'S');
        }

        return text.ToString();
    }

    /// <summary>A standalone sweep's <c>limits.timeout</c> and <c>limits.trialTimeout</c>, as azure-ai-ml sends them
    /// (<c>entities/_job/job_limits.py</c>): a non-zero value under 60 seconds becomes 60 seconds (the service's
    /// minimum), any other value is sent exactly (<c>10000</c> -> <c>PT2H46M40S</c>), so what is read back is what was
    /// written. A fraction of a second is rounded up (REST durations here carry whole seconds).</summary>
    public static string FormatSweepLimit(TimeSpan value)
    {
        var seconds = WholeSeconds(value);
        return Format(seconds is > 0 and < 60 ? 60 : seconds);
    }

    /// <summary>Whole seconds, rounded up.</summary>
    public static long WholeSeconds(TimeSpan value) =>
        (long)Math.Ceiling(value.Ticks / (double)TimeSpan.TicksPerSecond);

    /// <summary>Parses an ISO-8601 duration (<c>PT5M</c>, <c>P1DT2H</c>, <c>PT0.5S</c>); <see langword="null"/> when it
    /// is not one.</summary>
    public static TimeSpan? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('P'))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static void Append(StringBuilder text, long value, char unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
