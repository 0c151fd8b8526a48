package dev.simpleftp;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A settings file that is not valid YAML (a key given twice, as when a second {@code ftp:} block is
 * appended, or a bad indent): where and what, in one line, rather than the parser's trace. The
 * parser does not say which file, so the line names the ones we read.
 */
class YamlFailureAnalyzer extends AbstractFailureAnalyzer<MarkedYAMLException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MarkedYAMLException cause) {
		Mark mark = cause.getProblemMark();
		String where = (mark != null) ? " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "";
		return new FailureAnalysis("A settings file (application.yml or tls.yml) is not valid YAML: " + cause.getProblem()
				+ where + ".", "Each key may appear once at each level: put every setting under the one ftp: (and"
						+ " spring:) tree of its file, indented by two spaces per level, as tls.example.yml shows.",
				cause);
	}

}
