namespace HyperDrive.Fluent.Trials;

/// <summary>Who is emailed when a job ends (Azure: <c>notificationSetting</c> of JobBase; YAML
/// <c>notification_setting</c>, azure-ai-ml <c>NotificationSetting(email_on, emails)</c>).</summary>
public sealed record JobNotifications
{
    /// <summary>Gets the events that send an email.</summary>
    public EquatableList<JobNotificationEvent> EmailOn { get; init; } = EquatableList<JobNotificationEvent>.Empty;

    /// <summary>Gets the addresses emailed.</summary>
    public EquatableList<string> Emails { get; init; } = EquatableList<string>.Empty;
}
