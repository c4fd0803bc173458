using Attune.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();

/// <summary>The trainer service's entry point; public so tests can host it.</summary>
public partial class Program;
