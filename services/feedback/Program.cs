using Attune.Feedback.Extensions;
using Attune.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFeedbackServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapFeedbackServices();
app.RunService();

/// <summary>The feedback service's entry point; public so tests can host it.</summary>
public partial class Program;
