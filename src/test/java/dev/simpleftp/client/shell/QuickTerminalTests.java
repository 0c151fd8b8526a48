package dev.simpleftp.client.shell;

import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's terminal is built without starting {@code test} or {@code infocmp} processes. */
class QuickTerminalTests {

	@Test
	void theNativeProviderOfThisJvmLoads() {
		String expected = Runtime.version().feature() >= 22 ? TerminalBuilder.PROP_PROVIDER_FFM
				: TerminalBuilder.PROP_PROVIDER_JNI;
		assertThat(QuickTerminal.nativeProvider()).isEqualTo(expected);
	}

	@Test
	void xtermAndScreenTakeTheCapabilitiesJLineShips() {
		for (String type : QuickTerminal.SHIPPED_TYPES) {
			String earlier = InfoCmp.getLoadedInfoCmp(type); // another test's terminal may have read infocmp
			InfoCmp.setLoadedInfoCmp(type, () -> null); // JLine's cache has no remove: this reads as absent
			try {
				assertThat(QuickTerminal.useShippedCapabilities(type)).as(type).isTrue();
				assertThat(InfoCmp.getLoadedInfoCmp(type)).as(type).isNotBlank().isEqualTo(InfoCmp.getDefaultInfoCmp(type));
				assertThat(QuickTerminal.useShippedCapabilities(type)).as("already loaded: " + type).isFalse();
			}
			finally {
				if (earlier != null) {
					InfoCmp.setLoadedInfoCmp(type, earlier);
				}
			}
		}
	}

	@Test
	void otherTypesAreLeftToInfocmp() {
		assertThat(QuickTerminal.useShippedCapabilities("tmux-256color")).isFalse();
		assertThat(QuickTerminal.useShippedCapabilities("vt100")).isFalse();
		assertThat(QuickTerminal.useShippedCapabilities(null)).isFalse();
		assertThat(InfoCmp.getLoadedInfoCmp("tmux-256color")).isNull();
	}

}
