namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Completes a value task started with <c>async: false</c> (which finishes synchronously).</summary>
internal static class TaskExtensions
{
    /// <summary>The result of a task that has completed (one a synchronous call made), or, for one still running
    /// (another
    /// caller's work in flight that this synchronous caller joins), waits for it; exceptions are not wrapped.</summary>
    public static T EnsureCompleted<T>(this Task<T> task) => task.GetAwaiter().GetResult();

    public static T EnsureCompleted<T>(this ValueTask<T> task) =>
        task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();

    public static void EnsureCompleted(this ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
