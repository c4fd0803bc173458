using Attune.Adapter.Extensions;
using Attune.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAdapterServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapAdapterServices();
app.RunService();

/// <summary>The adapter service's entry point; public so tests can host it.</summary>
public partial class Program;
