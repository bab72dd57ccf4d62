/** The project browser of the street offices: the parks, farmland projects, PV rooftops and forest plots of a street. */
package cn.dongli.carbonmap.projects;
