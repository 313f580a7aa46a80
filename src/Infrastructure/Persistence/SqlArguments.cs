using System.Collections.Concurrent;
using System.Data;
using System.Reflection;
using Dapper;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// A statement's named arguments, each with its type when its value may be null (PostgreSQL cannot type a bare
/// <c>@x IS NULL</c>). Dapper binds them like its own <see cref="DynamicParameters"/>; <see cref="PostgresWriteBatch"/>
/// binds them, or the public properties of a plain argument object, to a batched statement.
/// </summary>
internal sealed class SqlArguments : SqlMapper.IDynamicParameters
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    private readonly List<(string Name, object? Value, DbType? Type)> _arguments = [];

    public SqlArguments Add(string name, object? value, DbType? type = null)
    {
        _arguments.Add((name, value, type));
        return this;
    }

    /// <summary>
    /// The named arguments of <paramref name="parameters"/>: these, or a plain object's readable properties of plain
    /// values (typed by the property for a null); <c>false</c> for anything else, which Dapper binds.
    /// </summary>
    public static bool TryRead(object? parameters, out IReadOnlyList<(string Name, object? Value, DbType? Type)> arguments)
    {
        switch (parameters)
        {
            case null:
                arguments = [];
                return true;
            case SqlArguments named:
                arguments = named._arguments;
                return true;
            case SqlMapper.IDynamicParameters or System.Collections.IEnumerable:
                arguments = [];
                return false;
        }

        var properties = PropertiesByType.GetOrAdd(parameters.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance));
        var read = new (string, object?, DbType?)[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var value = properties[i].GetValue(parameters);
            if (value is not (null or string or long or int or short or bool or double or float or decimal or Guid or byte[]))
            {
                arguments = [];
                return false; // enums, lists, dates: Dapper's conversions apply
            }

            read[i] = (properties[i].Name, value, value is null ? TypeOf(properties[i].PropertyType) : null);
        }

        arguments = read;
        return true;
    }

    void SqlMapper.IDynamicParameters.AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        foreach (var (name, value, type) in _arguments)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (type is { } dbType)
            {
                parameter.DbType = dbType;
            }

            command.Parameters.Add(parameter);
        }
    }

    private static DbType? TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => DbType.String,
        var t when t == typeof(long) => DbType.Int64,
        var t when t == typeof(int) => DbType.Int32,
        var t when t == typeof(bool) => DbType.Boolean,
        var t when t == typeof(double) => DbType.Double,
        var t when t == typeof(float) => DbType.Single,
        var t when t == typeof(short) => DbType.Int16,
        var t when t == typeof(decimal) => DbType.Decimal,
        var t when t == typeof(Guid) => DbType.Guid,
        var t when t == typeof(byte[]) => DbType.Binary,
        _ => null,
    };
}
