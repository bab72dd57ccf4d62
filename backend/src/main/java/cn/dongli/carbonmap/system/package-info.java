/** Typed configuration, profiles and wiring: the embedded database, the shared beans. Nothing imports this package. */
package cn.dongli.carbonmap.system;
