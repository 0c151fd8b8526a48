import java.nio.file.Path;

/** Which way a transfer goes, as the client's command, its printed verb, and the two directories. */
enum Direction {

	GET("get", "got"), PUT("put", "put");

	private final String command;

	private final String printedVerb;

	Direction(String command, String printedVerb) {
		this.command = command;
		this.printedVerb = printedVerb;
	}

	String command() {
		return this.command;
	}

	String printedVerb() {
		return this.printedVerb;
	}

	Path source(Workspace workspace) {
		return source(workspace.serverDir(), workspace.clientDir());
	}

	Path destination(Workspace workspace) {
		return destination(workspace.serverDir(), workspace.clientDir());
	}

	Path source(Path serverDir, Path clientDir) {
		return (this == GET) ? serverDir : clientDir;
	}

	Path destination(Path serverDir, Path clientDir) {
		return (this == GET) ? clientDir : serverDir;
	}

}
