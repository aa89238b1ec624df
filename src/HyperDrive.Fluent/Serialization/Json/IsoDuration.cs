using System.Globalization;
using System.Text;
using System.Xml;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>ISO-8601 durations as the REST contract uses them (<c>PT5M</c>, <c>PT1H</c>, <c>PT1S</c>).</summary>
internal static class IsoDuration
{
    /// <summary>Formats whole seconds as <c>P{d}DT{h}H{m}M{s}S</c>, leaving out zero parts (<c>PT10M</c>, <c>PT1H30M</c>, <c>P2D</c>).</summary>
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

    /// <summary>The sweep's <c>limits.timeout</c>: azure-ai-ml sends it in whole minutes (recorded <c>PT5M</c>; the
    /// service keeps it as the integer tag <c>_aml_system_max_duration_minutes</c>). The SDK's exact rounding of a
    /// value that is not whole minutes is NOT verified (contract §3); this rounds UP, so a sweep never gets less time
    /// than asked. Whole-minute values (every definition the DSL's users normally write) are exact.</summary>
    public static string FormatWholeMinutes(TimeSpan value)
    {
        var minutes = (long)Math.Ceiling(value.Ticks / (double)TimeSpan.TicksPerMinute);
        return Format(minutes * 60);
    }

    /// <summary>The sweep's <c>limits.trialTimeout</c> (and YAML-shaped node limits): whole seconds, the precision the
    /// contract documents ("precision as low as Seconds"). A fraction of a second is rounded UP (unverified what the
    /// service does with fractions; rounding up never cuts a trial short).</summary>
    public static string FormatWholeSeconds(TimeSpan value) => Format(WholeSeconds(value));

    /// <summary>Whole seconds, rounded up.</summary>
    public static long WholeSeconds(TimeSpan value) => (long)Math.Ceiling(value.Ticks / (double)TimeSpan.TicksPerSecond);

    /// <summary>Parses an ISO-8601 duration (<c>PT5M</c>, <c>P1DT2H</c>, <c>PT0.5S</c>); <see langword="null"/> when it is not one.</summary>
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
