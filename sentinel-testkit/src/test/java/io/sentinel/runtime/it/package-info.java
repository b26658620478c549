/**
 * The service runtime on real infrastructure: lives here rather than in sentinel-runtime because the
 * infrastructure (this module) itself depends on the runtime to provision topics.
 */
package io.sentinel.runtime.it;
