using Attune.Gateway.Extensions;
using Attune.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGatewayServices();
app.RunService();

/// <summary>The gateway service's entry point; public so tests can host it.</summary>
public partial class Program;
