namespace HyperDrive.Fluent.Trials;

/// <summary>A job event that sends an email (Azure: <c>notificationSetting.emailOn</c>; YAML
/// <c>notification_setting.email_on</c>).</summary>
public enum JobNotificationEvent
{
    /// <summary>The job completed (<c>JobCompleted</c>, YAML <c>job_completed</c>).</summary>
    JobCompleted,

    /// <summary>The job failed (<c>JobFailed</c>, YAML <c>job_failed</c>).</summary>
    JobFailed,

    /// <summary>The job was canceled (<c>JobCancelled</c>, YAML <c>job_cancelled</c>).</summary>
    JobCancelled,
}
