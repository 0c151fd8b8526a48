package dev.simpleftp.server.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each access mode allows exactly what its name says. */
class AccessTests {

	@Test
	void readOnlyMayGetHashAndListButNotStore() {
		assertThat(Access.READ_ONLY.mayRead()).isTrue();
		assertThat(Access.READ_ONLY.mayList()).isTrue();
		assertThat(Access.READ_ONLY.mayWrite()).isFalse();
	}

	@Test
	void uploadOnlyMayStoreButNeitherListNorGet() {
		assertThat(Access.UPLOAD_ONLY.mayRead()).isFalse();
		assertThat(Access.UPLOAD_ONLY.mayList()).isFalse();
		assertThat(Access.UPLOAD_ONLY.mayWrite()).isTrue();
	}

	@Test
	void readWriteMayDoEverything() {
		assertThat(Access.READ_WRITE.mayRead()).isTrue();
		assertThat(Access.READ_WRITE.mayList()).isTrue();
		assertThat(Access.READ_WRITE.mayWrite()).isTrue();
	}

	@Test
	void labelsAreTheNamesWrittenInTheSettings() {
		assertThat(Access.values()).extracting(Access::label).containsExactly("read-only", "upload-only", "read-write");
	}

}
