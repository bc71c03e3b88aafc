# The HotReloadCluster node. Build from the repository root:
#   docker build -t hotreloadcluster-node .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/HotReloadCluster.Node/HotReloadCluster.Node.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app ./
# 4053: cluster remoting. /config: the watched folder (a shared volume on every source node). /data: SQLite default.
EXPOSE 4053
VOLUME ["/data"]
ENV HOTRELOAD_DATA=/data
ENTRYPOINT ["dotnet", "/app/HotReloadCluster.Node.dll"]
