using System.Reflection;

namespace PolicyApi.Api.Application;

/// <summary>
/// MediatR 5.1 wiring without its DI package: the service factory, every handler found in the
/// assembly, and the pipeline in order logging → validation → transaction (commands) or replica (the reads a read replica answers).
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediator(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        var handlers =
            from type in assembly.GetTypes()
            where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
            from contract in type.GetInterfaces()
            where contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
            select (contract, type);
        foreach (var (contract, type) in handlers)
        {
            services.AddScoped(contract, type);
        }

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ReplicaReadBehaviour<,>));
        return services;
    }
}
